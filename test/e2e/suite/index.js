// Mocha entry point that VS Code's extension host calls (extensionTestsPath): runs every *.test.js here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
  return runSuites(__dirname, 'development');
};

/**
 * Runs the `*.test.js` files of a folder with mocha's tdd interface; rejects when any test fails.
 * The counts go to .work/<name>-results.json for run-tests.js to sum up (the console is the browser's).
 */
function runSuites(dir, name) {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env.DTYPE_GUARD_E2E_GREP;
  if (only) mocha.grep(only);
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(path.join(dir, name));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes, failures: failed, pending } = runner.stats;
      fs.mkdirSync(path.join(__dirname, '..', '.work'), { recursive: true });
      fs.writeFileSync(path.join(__dirname, '..', '.work', `${name}-results.json`), JSON.stringify({ passes, failed, pending }));
      if (failures) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
exports.runSuites = runSuites;
