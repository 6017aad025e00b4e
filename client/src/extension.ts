/** The VS Code side, kept thin: a log channel, the language client, the commands, the status item, explained crashes. */
import { window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { Explainer } from './explain';
import { createStatusItem } from './status';
import { registerTerminalLinks } from './terminalLinks';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('Dtype Guard', { log: true });
  context.subscriptions.push(log);
  client = createClient(context, log);
  const explainer = new Explainer(client, log);
  context.subscriptions.push(
    ...registerCommands(client, log, explainer),
    ...createStatusItem(client),
    ...explainer.register(),
    registerTerminalLinks(explainer),
  );
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
