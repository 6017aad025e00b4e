/** The VS Code side, kept thin: a log channel, the language client, the commands and the status item. */
import { window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { createStatusItem } from './status';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('Dtype Guard', { log: true });
  context.subscriptions.push(log);
  client = createClient(context, log);
  context.subscriptions.push(...registerCommands(client, log), ...createStatusItem(client));
  try {
    await client.start();
  } catch (error) {
    log.error(`the server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    void window.showErrorMessage('Dtype Guard: the language server failed to start.', 'Show logs').then((c) => c && log.show());
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
