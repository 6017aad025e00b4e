// Runs the real-editor suites through @vscode/test-electron's runTests(), with code-host.js as the VS Code executable.
// Run 1: the extension from the repository (development mode) on a fresh copy of fixtures/workspace.
// Run 2 (when a VSIX is given): the packaged extension installed into code-server, driven from an empty probe extension.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const here = __dirname;
const repoRoot = path.resolve(here, '..', '..');
const workRoot = path.join(here, '.work');
const host = path.join(here, 'code-host.js');

/** Settings every run starts with: no welcome pages, no network look-ups, files saved only when a test says so. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'files.autoSave': 'off',
  'security.workspace.trust.enabled': false,
  'python.languageServer': 'None',
};

/** A fresh run folder: user data with our settings, an extensions dir, and a copy of the fixture workspace. */
function prepareRun(name) {
  const dir = path.join(workRoot, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const userDir = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(here, 'fixtures', 'workspace'), workspace, { recursive: true });
  return { userDir, extensionsDir, workspace };
}

function launchArgs({ workspace, userDir, extensionsDir }) {
  return [workspace, `--user-data-dir=${userDir}`, `--extensions-dir=${extensionsDir}`];
}

async function runDevelopment() {
  const run = prepareRun('development');
  await runTests({
    vscodeExecutablePath: host,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(here, 'suite', 'index.js'),
    launchArgs: launchArgs(run),
  });
}

/** Installs the VSIX with code-server's own CLI, as a user would, then runs the `installed/` suite. */
async function runInstalled(vsix) {
  const run = prepareRun('installed');
  const entry = require.resolve('code-server/out/node/entry.js');
  const install = spawnSync(
    process.execPath,
    [entry, '--install-extension', path.resolve(vsix), '--extensions-dir', run.extensionsDir, '--user-data-dir', run.userDir],
    { encoding: 'utf8', timeout: 120_000 },
  );
  process.stdout.write(install.stdout || '');
  process.stderr.write(install.stderr || '');
  if (install.status !== 0) throw new Error(`code-server --install-extension failed with ${install.status}`);
  await runTests({
    vscodeExecutablePath: host,
    extensionDevelopmentPath: path.join(here, 'probe'),
    extensionTestsPath: path.join(here, 'installed', 'index.js'),
    launchArgs: launchArgs(run),
  });
}

/** Sums the counts each run's mocha wrote; a run that wrote none (it crashed or timed out) counts as a failure. */
function summary(runs) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const name of runs) {
    try {
      const counts = JSON.parse(fs.readFileSync(path.join(workRoot, `${name}-results.json`), 'utf8'));
      total.passed += counts.passes;
      total.failed += counts.failed;
      total.skipped += counts.pending;
    } catch {
      total.failed += 1;
    }
  }
  return total;
}

async function main() {
  const vsixArg = process.argv.indexOf('--vsix');
  const vsix = vsixArg > 0 ? process.argv[vsixArg + 1] : undefined;
  const runs = ['development', ...(vsix ? ['installed'] : [])];
  for (const name of runs) fs.rmSync(path.join(workRoot, `${name}-results.json`), { force: true });
  // Both runs go ahead even when the first fails, so that one report covers everything.
  const errors = [];
  for (const run of [runDevelopment, ...(vsix ? [() => runInstalled(vsix)] : [])]) {
    await run().catch((err) => errors.push(err));
  }
  const { passed, failed, skipped } = summary(runs);
  for (const err of errors) console.error(err instanceof Error ? err.message : err);
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return errors.length || failed ? 1 : 0;
}

main().then((code) => process.exit(code));
