/** The VS Code side, kept thin: a log channel, the language client, the commands, the status item, explained crashes. */
// first: notes the time, then forks the server, before the other modules load
import { bundleStarted } from './loadStart';
import { forkedAt } from './serverProcess';
import { performance } from 'node:perf_hooks';
import { window, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient, stopServer } from './client';
import { registerCommands } from './commands';
import { Explainer } from './explain';
import { logSettingChanges, logStart } from './startLog';
import { createStatusItem, type StatusView } from './status';
import { registerTerminalLinks } from './terminalLinks';

/** What the extension exports: the status item's state, so that editor tests can read what it shows. */
export interface DtypeGuardApi {
  status(): StatusView;
}

let client: LanguageClient | undefined;
/**
 * Not in context.subscriptions: VS Code disposes those right after calling deactivate, without
 * waiting for it, and a client still stopping would write to a closed channel.
 */
let log: LogOutputChannel | undefined;

export async function activate(context: ExtensionContext): Promise<DtypeGuardApi> {
  const activated = performance.now();
  log = window.createOutputChannel('Dtype Guard', { log: true });
  logStart(context, log);
  // performance.now() counts from the extension host's start: how long the editor took to activate us, then the server.
  const origin = new Date(performance.timeOrigin).toISOString();
  log.info(`activated at ${Math.round(activated)} ms of the extension host (started at ${origin})`);
  log.info(`extension bundle began to run at ${Math.round(bundleStarted)} ms of the extension host`);
  if (forkedAt !== undefined) log.info(`server forked at ${Math.round(forkedAt)} ms of the extension host`);
  client = createClient(context, log);
  const status = createStatusItem(client);
  const explainer = new Explainer(client, log);
  context.subscriptions.push(
    ...registerCommands(client, log, explainer),
    ...status.disposables,
    ...explainer.register(),
    registerTerminalLinks(explainer),
    logSettingChanges(log),
  );
  try {
    await client.start();
    log.info(`server started and initialized in ${Math.round(performance.now() - activated)} ms after activation`);
  } catch (error) {
    log.error(`the server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    const shown = log;
    void window.showErrorMessage('Dtype Guard: the language server failed to start.', 'Show logs').then((c) => c && shown.show());
  }
  return { status: status.view };
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  try {
    if (stopping?.isRunning()) await stopping.stop(2000);
  } finally {
    stopServer();
    log?.dispose();
    log = undefined;
  }
}
