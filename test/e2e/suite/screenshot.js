// Screenshots of the workbench for the docs: a scenario asks code-host.js (which drives the browser)
// through the console, and waits for the picture to land in docs/images/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { waitFor } = require('./helpers');

const IMAGES = path.resolve(__dirname, '..', '..', '..', 'docs', 'images');

/**
 * Saves docs/images/<name>.png once `selector` is visible; `area` (a CSS selector) crops the picture
 * to that part of the workbench. Resolves with the file's path.
 */
async function screenshot(name, { selector, area } = {}) {
  const file = path.join(IMAGES, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`[dtype-guard-screenshot] ${JSON.stringify({ path: file, selector, area })}`);
  await waitFor(`the screenshot ${name}.png`, () => fs.existsSync(file), 30_000);
  return file;
}

module.exports = { screenshot };
