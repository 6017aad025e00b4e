// Shared steps of the real-editor scenarios: open fixture files, wait for editor state with a deadline.
'use strict';
const vscode = require('vscode');

const SOURCE = 'Dtype Guard';
const DEFAULT_DEADLINE_MS = 30_000;

/** A file of the fixture workspace (a fresh copy per run, so tests may edit it). */
function fixtureUri(relative) {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  if (!folder) throw new Error('the e2e run opened no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

async function openFixture(relative) {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relative));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/**
 * Resolves with the first truthy value of `probe()`, checked now, on every diagnostics or text
 * change, and at a short interval as a fallback; rejects with `what` once the deadline passes.
 */
function waitFor(what, probe, deadlineMs = DEFAULT_DEADLINE_MS) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const subscriptions = [];
    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(ticker);
      subscriptions.forEach((s) => s.dispose());
      fn(value);
    };
    const check = async () => {
      try {
        const value = await probe();
        if (value) finish(resolve, value);
      } catch (error) {
        finish(reject, error);
      }
    };
    const timer = setTimeout(() => finish(reject, new Error(`timed out after ${deadlineMs} ms waiting for ${what}`)), deadlineMs);
    const ticker = setInterval(check, 200);
    subscriptions.push(vscode.languages.onDidChangeDiagnostics(check), vscode.workspace.onDidChangeTextDocument(check));
    void check();
  });
}

/** Dtype Guard's diagnostics on a file, optionally only those of one code. */
function guardDiagnostics(uri, code) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!code || codeOf(d) === code));
}

/** A diagnostic's code, whether VS Code gives it plain or as `{ value, target }`. */
function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

function waitForDiagnostics(uri, code, deadlineMs) {
  return waitFor(
    `${code ?? 'any'} diagnostic on ${uri.path}`,
    () => {
      const found = guardDiagnostics(uri, code);
      return found.length ? found : undefined;
    },
    deadlineMs,
  );
}

function waitForNoDiagnostics(uri, code, deadlineMs) {
  return waitFor(`no ${code ?? ''} diagnostic left on ${uri.path}`, () => guardDiagnostics(uri, code).length === 0, deadlineMs);
}

/** The code actions VS Code's light bulb would show for a diagnostic (only Dtype Guard's). */
async function quickFixesFor(uri, diagnostic) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, 'quickfix');
  return (actions ?? []).filter((a) => a.title.startsWith('Dtype Guard ('));
}

/** Sets a setting in the workspace folder's .vscode/settings.json (undefined removes it). */
async function setSetting(section, key, value, languageId) {
  const config = vscode.workspace.getConfiguration(section, languageId ? { languageId } : undefined);
  await config.update(key, value, vscode.ConfigurationTarget.Workspace, !!languageId);
}

function lineOf(document, text) {
  for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.includes(text)) return i;
  return -1;
}

module.exports = {
  SOURCE,
  fixtureUri,
  openFixture,
  waitFor,
  guardDiagnostics,
  codeOf,
  waitForDiagnostics,
  waitForNoDiagnostics,
  quickFixesFor,
  setSetting,
  lineOf,
};
