/** The commands of the "Dtype Guard" category: fix all problems in this file, restart the server, show logs, explain a dtype error. */
import { commands, window, type Disposable, type LogOutputChannel } from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type { Explainer } from './explain';

/** The server command that applies every fix-all fix to one document version (see server/src/features/fixAll.ts). */
export const SERVER_FIX_ALL = 'dtype-guard.applyFixAll';

export function registerCommands(client: LanguageClient, log: LogOutputChannel, explainer: Explainer): Disposable[] {
  return [
    commands.registerCommand('dtypeGuard.fixAll', async () => {
      const editor = window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'python') {
        void window.showInformationMessage('Dtype Guard: open a Python file to fix its problems.');
        return;
      }
      const { document } = editor;
      await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_FIX_ALL,
        arguments: [{ uri: document.uri.toString(), version: document.version }],
      });
    }),
    commands.registerCommand('dtypeGuard.restartServer', async () => {
      log.info('restarting the server on request');
      await client.restart();
    }),
    commands.registerCommand('dtypeGuard.showLogs', () => log.show()),
    commands.registerCommand('dtypeGuard.explain', () => explainer.explainFromEditor()),
  ];
}
