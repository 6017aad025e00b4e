// Mocha entry point that VS Code's extension host calls (extensionTestsPath): runs every *.test.js here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
  return runSuites(__dirname);
};

/** Runs the `*.test.js` files of a folder with mocha's tdd interface; rejects when any test fails. */
function runSuites(dir) {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env.DTYPE_GUARD_E2E_GREP;
  if (only) mocha.grep(only);
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(path.join(dir, name));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
exports.runSuites = runSuites;
