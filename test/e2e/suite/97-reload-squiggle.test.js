// After a window reload, the file left open in the examples project gets its squiggle again. The
// browser host opens the project in a second window, opens the file, reloads that window and notes
// when the editor shows the text and when the squiggle is drawn (reload-window.js); the times and the
// start-up phases of the extension's log go to .work/timings.jsonl for bench/first-squiggle.mjs.
// Nothing here asserts on a time (tests never time things).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { waitFor } = require('./helpers');

const REPO = path.resolve(__dirname, '..', '..', '..');
const WORK = path.join(__dirname, '..', '.work');
const TIMINGS = path.join(WORK, 'timings.jsonl');
const FILE = 'models/fused_bias_conv.py';

suite('first squiggle after a window reload', () => {
  test('the file left open in the examples project gets its squiggle after a reload', async function () {
    this.timeout(240_000);
    const folder = path.join(WORK, 'reload-examples');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.cpSync(path.join(REPO, 'examples'), folder, { recursive: true });
    const result = path.join(WORK, 'reload-result.json');
    fs.rmSync(result, { force: true });
    console.log(
      `[dtype-guard-reload] ${JSON.stringify({ folder, file: FILE, marker: 'return F.conv2d(x, self.weight', result })}`,
    );
    await waitFor('the reloaded window', () => fs.existsSync(result), 200_000);
    const answer = JSON.parse(fs.readFileSync(result, 'utf8'));
    assert.equal(answer.error, undefined, `the reload scenario failed: ${answer.error}`);
    const { text, squiggle, phases } = answer.timings;
    assert.ok(text !== undefined && squiggle !== undefined, 'the reloaded editor showed the text and the squiggle');
    fs.appendFileSync(
      TIMINGS,
      JSON.stringify({
        file: FILE,
        after: 'window reload',
        ms: Math.round(squiggle - text),
        textShownMs: Math.round(text),
        squiggleMs: Math.round(squiggle),
        phases,
      }) + '\n',
    );
  });
});
