// Runs the analysis on a hostile workspace with every file-system call recorded, inside a worker
// (a FIFO opened by mistake would block: the watchdog turns that into a failure).
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Writes the workspace: configs whose bases and imports point outside it, at a device and a FIFO. */
export function writeHostileWorkspace() {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(tmpdir(), 'dg-hostile-')));
  const root = path.join(top, 'project');
  const outside = path.join(top, 'outside');
  const marker = path.join(top, 'EXECUTED');
  fs.mkdirSync(path.join(root, 'configs', '_base_'), { recursive: true });
  fs.mkdirSync(path.join(root, 'models'));
  fs.mkdirSync(outside);
  // Reading this file would show: it turns AMP on, so any config inheriting it would get a DG202.
  fs.writeFileSync(
    path.join(outside, 'amp.py'),
    `fp16 = dict(loss_scale=512.)\nopen(${JSON.stringify(marker)}, 'w').write('ran')\n`,
  );
  fs.writeFileSync(path.join(outside, 'evil_module.py'), `import os\nos.system('touch ${marker}')\n`);
  fs.symlinkSync(path.join(outside, 'amp.py'), path.join(root, 'configs', '_base_', 'linked_amp.py'));
  spawnSync('mkfifo', [path.join(root, 'configs', '_base_', 'fifo.py')]);
  fs.writeFileSync(path.join(root, 'models', 'side_effect.py'), `open(${JSON.stringify(marker)}, 'w').write('ran')\n`);
  const config = [
    '_base_ = [',
    "    '../../outside/amp.py',",
    `    ${JSON.stringify(path.join(outside, 'amp.py'))},`,
    "    './_base_/linked_amp.py',",
    "    './_base_/fifo.py',",
    "    '/dev/zero',",
    "    '/proc/self/environ',",
    ']',
    "custom_imports = dict(imports=['models.side_effect', 'os', 'subprocess', '..outside.evil_module'], allow_failed_imports=False)",
    "model = dict(type='RetinaNet')",
    '',
  ].join('\n');
  fs.writeFileSync(path.join(root, 'configs', 'hostile.py'), config);
  return { top, root, outside, marker, config: path.join(root, 'configs', 'hostile.py') };
}

const WATCHED = [
  'openSync',
  'readFileSync',
  'readdirSync',
  'statSync',
  'lstatSync',
  'realpathSync',
  'existsSync',
  'accessSync',
  'opendirSync',
];

/** In the worker: analyses the hostile config with fs calls recorded; returns findings and the calls. */
export async function analyzeRecorded({ config }) {
  const calls = [];
  for (const name of WATCHED) {
    const original = fs[name];
    fs[name] = function (target, ...rest) {
      calls.push({ call: name, target: typeof target === 'number' ? `fd:${target}` : String(target) });
      return original.call(this, target, ...rest);
    };
    if (original.native) fs[name].native = original.native;
  }
  const { core } = await import('../helpers/core.mjs');
  const findings = core.analyze(fs.readFileSync(config, 'utf8'), { path: config });
  return { findings: findings.map((f) => ({ code: f.code, line: f.range.start.line + 1, message: f.message })), calls };
}
