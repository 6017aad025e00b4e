// Browser side of the scenario "first squiggle after a window reload": opens a second workbench window
// on a folder (the extension from the repository, no tests in it), opens a file with Quick Open, waits
// for its squiggle, reloads the window with "Developer: Reload Window", and notes in the reloaded page
// when the editor first shows the file's text and when the squiggle first appears.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { startPhases } = require('./start-phases');

/** The console line by which a scenario asks for this: `{ folder, file, marker, result }` as JSON follows. */
const RELOAD_REQUEST = '[dtype-guard-reload] ';
const SQUIGGLE = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info';
const STEP_TIMEOUT_MS = 60_000;

/**
 * Runs in the page before the workbench's own scripts: records, in milliseconds since the page
 * started loading, the first moment an editor shows `marker` and the first moment a squiggle is
 * drawn. A MutationObserver sees each change as it is made (animation frames may be throttled).
 */
function watchEditor({ marker, squiggle }) {
  const seen = { text: undefined, squiggle: undefined, timeOrigin: performance.timeOrigin };
  window.__dtypeGuardReload = seen;
  const check = () => {
    const now = performance.now();
    if (seen.text === undefined) {
      for (const lines of document.querySelectorAll('.monaco-editor .view-lines')) {
        // the editor draws spaces as no-break spaces
        if (lines.textContent.replace(/\u00a0/g, ' ').includes(marker)) {
          seen.text = now;
          break;
        }
      }
    }
    if (seen.squiggle === undefined && document.querySelector(squiggle)) seen.squiggle = now;
    if (seen.text !== undefined && seen.squiggle !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** Picks `label` in a quick input (Quick Open, the command palette) once it is listed. */
async function pick(page, label) {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await row.click();
}

/** Types into the quick input opened by `key`, once it is visible. */
async function quickInput(page, key, text) {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(text);
}

/**
 * The whole scenario in a window of its own. `openUrl(folder)` gives the workbench address for a
 * folder. Resolves with the reloaded page's timings; the window is closed afterwards.
 */
async function measureReload(browser, openUrl, logsDir, { folder, file, marker }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(openUrl(folder));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await quickInput(page, 'Control+P', path.basename(file));
    await pick(page, path.basename(file));
    await page.locator(SQUIGGLE).first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    const opened = Date.now();
    await page.addInitScript(watchEditor, { marker, squiggle: SQUIGGLE });
    await quickInput(page, 'F1', '>Developer: Reload Window');
    const reloaded = page.waitForEvent('load', { timeout: STEP_TIMEOUT_MS });
    await pick(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForFunction(
      () => {
        const seen = window.__dtypeGuardReload;
        return seen && seen.text !== undefined && seen.squiggle !== undefined;
      },
      null,
      { timeout: STEP_TIMEOUT_MS, polling: 100 },
    );
    const seen = await page.evaluate(() => window.__dtypeGuardReload);
    return { opened, ...seen, phases: await phasesOf(logsDir, folder, seen) };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * The reloaded window's start-up phases, with the page's two moments among them. The extension
 * host writes its logs a little later than it runs: polled until the first pull's answer is there.
 */
async function phasesOf(logsDir, folder, seen) {
  const deadline = Date.now() + 15_000;
  let phases = [];
  for (;;) {
    phases = startPhases(logsDir, folder, seen.timeOrigin);
    if (phases.some((p) => p.phase.startsWith('client: first diagnostics')) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const page = [
    { phase: 'editor shows the text', ms: Math.round(seen.text) },
    { phase: 'squiggle drawn', ms: Math.round(seen.squiggle) },
  ];
  return [...phases, ...page].sort((a, b) => a.ms - b.ms);
}

/** Answers one request: writes `{ timings }` or `{ error }` to the request's result file, never throws. */
async function answerReload(browser, openUrl, logsDir, request) {
  let answer;
  let file;
  try {
    const asked = JSON.parse(request);
    file = asked.result;
    answer = { timings: await measureReload(browser, openUrl, logsDir, asked) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  if (!file) return console.error(`reload request without a result file: ${request}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.partial`, JSON.stringify(answer));
  fs.renameSync(`${file}.partial`, file);
}

module.exports = { RELOAD_REQUEST, answerReload };
