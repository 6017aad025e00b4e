#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() launches: serves VS Code
// with code-server, opens it in headless Chromium and exits with the extension tests' exit code.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { chromium } = require('playwright-core');
const { RELOAD_REQUEST, answerReload } = require('./reload-window');

const codeServerEntry = require.resolve('code-server/out/node/entry.js');
const chromiumPath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const testTimeoutMs = Number(process.env.DTYPE_GUARD_E2E_TIMEOUT_MS || 480_000);
const startTimeoutMs = 90_000;

/** Values of every `--name=value` argument runTests passed, in order. */
function argValues(argv, name) {
  const prefix = `--${name}=`;
  return argv.filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
}

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts code-server in its own process group so that the extension host and watchers die with it. */
async function startCodeServer({ port, userDir, extensionsDir }) {
  // The extension host's IPC sockets live in TMPDIR; a short private one keeps their paths under
  // the 107-byte socket limit whatever the checkout path, and is removed with the server.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-e2e-'));
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config',
    path.join(userDir, 'code-server.yaml'),
    '--user-data-dir',
    userDir,
  ];
  if (extensionsDir) args.push('--extensions-dir', extensionsDir);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp },
  });
  let log = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start in ${startTimeoutMs} ms:\n${log}`)),
      startTimeoutMs,
    );
    const onData = (chunk) => {
      log += chunk;
      if (log.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${log}`));
    });
  });
  const stop = async () => {
    const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('exit', () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  });
  await ready;
  return { stop };
}

/** The console line by which a scenario asks for a screenshot: `{ path, selector }` as JSON follows. */
const SCREENSHOT_REQUEST = '[dtype-guard-screenshot] ';

/**
 * Takes the screenshot a scenario asked for, once `selector` (the hover, the menu) is on screen, and
 * writes it to `path`; the scenario polls for the file. A failure is reported, never thrown.
 */
async function screenshot(page, request) {
  try {
    const { path: file, selector, area } = JSON.parse(request);
    if (selector) await page.waitForSelector(selector, { state: 'visible', timeout: 15_000 });
    // let the widget finish its fade-in before the picture is taken
    await page
      .waitForFunction(() => !document.querySelector('.monaco-hover.fade-in, .action-widget.fade-in'), null, { timeout: 2000 })
      .catch(() => undefined);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial.png`;
    const clip = area ? await page.locator(area).first().boundingBox() : null;
    await page.screenshot({ path: partial, ...(clip ? { clip } : {}) });
    fs.renameSync(partial, file);
  } catch (error) {
    console.error(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Forwards the workbench console (where the test runner's output lands) to our stdout/stderr, and
 * answers the scenarios' requests for a screenshot or for a window reload (`reload(request)`).
 */
function relayConsole(page, reload) {
  const noise = /Failed to load resource|open-vsx\.org|service worker|sandbox attribute|same-origin iframe|marketplace/i;
  page.on('console', async (msg) => {
    let values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '<unserialisable>')));
    let prefix = '';
    if (typeof values[0] === 'string' && values[0].startsWith('%c')) {
      // VS Code styles its log prefixes
      prefix = values[0].slice(2).trim() + ' ';
      values = values.slice(2);
    }
    const text = prefix + util.format(...values);
    const request = text.indexOf(SCREENSHOT_REQUEST);
    if (request >= 0) {
      void screenshot(page, text.slice(request + SCREENSHOT_REQUEST.length));
      return;
    }
    const reloadRequest = text.indexOf(RELOAD_REQUEST);
    if (reloadRequest >= 0 && reload) {
      void reload(text.slice(reloadRequest + RELOAD_REQUEST.length));
      return;
    }
    if (noise.test(text)) return;
    (msg.type() === 'error' ? process.stderr : process.stdout).write(text + '\n');
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const devPaths = argValues(argv, 'extensionDevelopmentPath');
  const [testsPath] = argValues(argv, 'extensionTestsPath');
  const [userDir] = argValues(argv, 'user-data-dir');
  const [extensionsDir] = argValues(argv, 'extensions-dir');
  const folder = argv.find((a) => !a.startsWith('-'));
  if (!devPaths.length || !testsPath || !userDir) {
    throw new Error('expected --extensionDevelopmentPath, --extensionTestsPath and --user-data-dir');
  }
  const port = await freeLoopbackPort();
  const authority = `127.0.0.1:${port}`;
  const server = await startCodeServer({ port, userDir, extensionsDir });
  let browser;
  try {
    const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
    const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(testsPath)]];
    const target = folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true';
    const url = `http://${authority}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Another window on another folder, with the extension but without the tests (see reload-window.js).
    const openFolder = (dir) =>
      `http://${authority}/?folder=${encodeURIComponent(path.resolve(dir))}&payload=${encodeURIComponent(
        JSON.stringify(devPaths.map((p) => ['extensionDevelopmentPath', remote(p)])),
      )}`;
    relayConsole(page, (request) => answerReload(browser, openFolder, path.join(userDir, 'logs'), request));
    // The workbench calls window.codeAutomationExit(code) when the extension tests finish.
    const finished = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.goto(url);
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), testTimeoutMs);
    });
    const code = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (code !== 0) {
      const shot = path.join(userDir, 'failure.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(
        code === 'timeout' ? `no test result within ${testTimeoutMs} ms` : `tests exited with ${code}`,
        `(screenshot: ${shot})`,
      );
    }
    return typeof code === 'number' ? code : 1;
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
