// Mocha entry point for the run against the packaged VSIX installed into code-server.
'use strict';
const path = require('node:path');
const { runSuites } = require(path.join(__dirname, '..', 'suite', 'index.js'));

exports.run = function run() {
  return runSuites(__dirname, 'installed');
};
