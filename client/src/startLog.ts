/** What the log says first: the extension's and the editor's versions, the folders, and the settings in effect for each. */
import {
  version as editorVersion,
  workspace,
  type Disposable,
  type ExtensionContext,
  type LogOutputChannel,
  type Uri,
} from 'vscode';

/** Every `dtypeGuard.*` setting as it applies to one folder (or the window), defaults included. */
export function effectiveSettings(scope?: Uri): Record<string, unknown> {
  const config = workspace.getConfiguration('dtypeGuard', scope);
  const keys = ['enable', 'diagnosticMode', 'severity', 'select', 'ignore', 'exclude', 'configGlobs', 'fixAll.unsafe'];
  const more = ['debounceMs', 'maxFileSize', 'trace.server'];
  return Object.fromEntries([...keys, ...more].map((key) => [key, config.get(key)]));
}

export function logStart(context: ExtensionContext, log: LogOutputChannel): void {
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  log.info(`Dtype Guard ${version} (VS Code ${editorVersion}, ${workspace.isTrusted ? 'trusted' : 'restricted'} workspace)`);
  const folders = workspace.workspaceFolders ?? [];
  if (!folders.length) log.info(`no folder open; settings: ${JSON.stringify(effectiveSettings())}`);
  for (const folder of folders)
    log.info(`folder ${folder.uri.fsPath}: settings ${JSON.stringify(effectiveSettings(folder.uri))}`);
}

/** Logs the settings again when a `dtypeGuard` setting changes. */
export function logSettingChanges(log: LogOutputChannel): Disposable {
  return workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration('dtypeGuard')) return;
    const folders = workspace.workspaceFolders ?? [];
    if (!folders.length) log.info(`settings changed: ${JSON.stringify(effectiveSettings())}`);
    for (const f of folders) log.info(`settings changed for ${f.uri.fsPath}: ${JSON.stringify(effectiveSettings(f.uri))}`);
  });
}
