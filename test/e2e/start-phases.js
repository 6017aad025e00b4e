// Lines up the start-up phases of one window's extension host with a moment of the page (its reload):
// reads the editor's extension-host log and the extension's own log (its lines and the server's) from
// code-server's logs folder, and gives each phase in milliseconds since that moment.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION = 'dtype-guard.dtype-guard';

/** `2026-12-03 20:12:01.474 [info] text` → [wall-clock ms, text]; the logs write local time. */
function logLine(line) {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[\w+\] (.*)$/.exec(line);
  return m ? [new Date(`${m[1]}T${m[2]}`).getTime(), m[3]] : undefined;
}

function lines(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').map(logLine).filter(Boolean);
  } catch {
    return [];
  }
}

/** The extension-host folders of every window code-server started, with the extension's log in each. */
function hostFolders(logsDir) {
  const found = [];
  for (const session of fs.existsSync(logsDir) ? fs.readdirSync(logsDir) : []) {
    const dir = path.join(logsDir, session);
    for (const host of fs.readdirSync(dir).filter((d) => d.startsWith('exthost'))) {
      const own = path.join(dir, host, EXTENSION, 'Dtype Guard.log');
      if (fs.existsSync(own)) found.push(path.join(dir, host));
    }
  }
  return found;
}

/**
 * The phases of the first extension host that activated the extension on `folder` after `since`
 * (wall-clock ms), in ms since `since`, in the order they happened; [] when no such host is found.
 */
function startPhases(logsDir, folder, since) {
  for (const host of hostFolders(logsDir)) {
    const own = lines(path.join(host, EXTENSION, 'Dtype Guard.log'));
    if (!own.some(([, text]) => text.includes(folder))) continue;
    const activated = own
      .map(([, t]) => /^activated at (\d+) ms of the extension host \(started at (\S+)\)/.exec(t))
      .find(Boolean);
    if (!activated) continue;
    const hostOrigin = Date.parse(activated[2]);
    if (hostOrigin + Number(activated[1]) < since) continue;
    const phases = [['extension host process started', hostOrigin]];
    for (const [at, text] of lines(path.join(host, 'remoteexthost.log'))) {
      if (/^Extension host with pid \d+ started/.test(text)) phases.push(['extension host ready', at]);
      if (text.startsWith(`ExtensionService#_doActivateExtension ${EXTENSION},`)) phases.push(['activation asked', at]);
    }
    const bundle = own.map(([, t]) => /^extension bundle began to run at (\d+) ms/.exec(t)).find(Boolean);
    if (bundle) phases.push(['extension bundle began to run', hostOrigin + Number(bundle[1])]);
    const forked = own.map(([, t]) => /^server forked at (\d+) ms/.exec(t)).find(Boolean);
    if (forked) phases.push(['client: server forked', hostOrigin + Number(forked[1])]);
    phases.push(['activate() called', hostOrigin + Number(activated[1])]);
    let serverOrigin;
    for (const [at, text] of own) {
      const origin = /^start: times are since the server process started at (\S+)/.exec(text);
      if (origin) {
        serverOrigin = Date.parse(origin[1]);
        phases.push(['server process started', serverOrigin]);
        continue;
      }
      const phase = /^start: (.*) at (\d+) ms$/.exec(text);
      if (phase && serverOrigin !== undefined) {
        phases.push([`server: ${phase[1].replace(/file:\/\/\S*\//, '')}`, serverOrigin + Number(phase[2])]);
        continue;
      }
      if (text.startsWith('server started and initialized')) phases.push(['client: server initialized', at]);
      const pulled =
        /^first diagnostics of \S*\/(\S+) \((\d+)\) received at (\d+) ms of the extension host, (\d+) ms after the pull/.exec(
          text,
        );
      if (pulled) {
        phases.push([`client: pull of ${pulled[1]} sent`, hostOrigin + Number(pulled[3]) - Number(pulled[4])]);
        phases.push([`client: first diagnostics of ${pulled[1]} (${pulled[2]}) received`, hostOrigin + Number(pulled[3])]);
      }
    }
    return phases.map(([phase, at]) => ({ phase, ms: Math.round(at - since) })).sort((a, b) => a.ms - b.ms);
  }
  return [];
}

module.exports = { startPhases };
