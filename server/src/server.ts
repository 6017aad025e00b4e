/** Capabilities and the wiring of the server's features; each feature lives in features/. */
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { initParser, type BrokenPart } from './analysis/index';
import { Analyzer } from './features/documentAnalysis';
import { registerCodeActions } from './features/codeActions';
import { registerCommands, SERVER_COMMANDS } from './features/commands';
import { OpenFileDiagnostics } from './features/diagnostics';
import { DtypeTestCommand } from './features/dtypeTestActions';
import { ExplainCommand } from './features/explain';
import { DocumentStore } from './features/documents';
import { FileFilter } from './features/fileFilter';
import { FixAll, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND } from './features/fixAll';
import { registerHover } from './features/findingHover';
import { NotebookStore } from './features/notebooks';
import { ProjectDiagnostics } from './features/projectDiagnostics';
import { SettingsStore } from './features/fileSettings';
import { StartTimes } from './features/startTimes';
import { registerDefinition } from './features/configHover';
import { WorkspaceDiagnostics } from './features/workspaceDiagnostics';
import { ServerWorkspace } from './features/workspaceFiles';

function workspaceFolderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris
    .map((u) => URI.parse(u))
    .filter((u) => u.scheme === 'file')
    .map((u) => u.fsPath);
}

/** `syntax error on line 26 (B.forward): last findings kept` for the status item. */
function syntaxErrorText(broken: BrokenPart[]): string {
  const first = broken[0]!;
  const more = broken.length > 1 ? ` and ${broken.length - 1} more` : '';
  return `syntax error on line ${first.errorLine + 1}${first.name ? ` (${first.name})` : ''}${more}: last findings kept`;
}

export function startServer(connection: Connection): void {
  const documents = new DocumentStore();
  const filter = new FileFilter();
  let params: InitializeParams | undefined;
  const times = new StartTimes();
  // The wasm parser loads while the editor sends initialize, not after it.
  const parserReady = initParser();

  connection.onInitialize(async (init): Promise<InitializeResult> => {
    params = init;
    times.phase('initialize received');
    await parserReady;
    times.phase('parser and grammar loaded');
    filter.setFolders(workspaceFolderPaths(init));
    const pull = !!init.capabilities.textDocument?.diagnostic;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        // Every cell of any notebook, so that cell numbers in messages are the ones the notebook shows;
        // its Python code cells are analysed together, as one module.
        notebookDocumentSync: { notebookSelector: [{ notebook: '*' }] },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor', FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND] },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        hoverProvider: true,
        definitionProvider: true,
        ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dtype-guard' },
    };
  });

  connection.onInitialized(() => {
    times.attach(connection.console);
    times.phase('initialized');
    const caps = params!.capabilities;
    const pull = !!caps.textDocument?.diagnostic;
    const canPullSettings = !!caps.workspace?.configuration;
    const projectProblems = new ProjectDiagnostics(connection);
    const settings = new SettingsStore(connection, canPullSettings, projectProblems.report, params!.initializationOptions);
    const files = new ServerWorkspace(documents, filter);
    documents.parseWith(() => files.session.parser);
    // The client's status item says when a file is not analysed (size limit, parse limit).
    const notAnalysed = new Map<string, string>();
    const onSkipped = (uri: string, reason: string | undefined) => {
      if (notAnalysed.get(uri) === reason) return;
      if (reason) notAnalysed.set(uri, reason);
      else notAnalysed.delete(uri);
      connection.console.info(`${uri}: ${reason ? `not analysed: ${reason}` : 'analysed again'}`);
      void connection.sendNotification('dtypeGuard/notAnalysed', { uri, reason: reason ?? null });
    };
    documents.onDidClose((uri) => notAnalysed.delete(uri));
    const analyzer = new Analyzer(documents, settings, filter, connection.console, files, onSkipped, (uri, s, a) =>
      times.analysed(uri, s, a),
    );
    // ... and when part of it does not parse: which part, and that its last findings are kept.
    const syntaxErrors = new Map<string, string>();
    analyzer.onDidAnalyze(({ uri, broken }) => {
      const text = broken.length ? syntaxErrorText(broken) : undefined;
      if (syntaxErrors.get(uri) === text) return;
      if (text) syntaxErrors.set(uri, text);
      else syntaxErrors.delete(uri);
      void connection.sendNotification('dtypeGuard/syntaxError', { uri, message: text ?? null });
    });
    documents.onDidClose((uri) => syntaxErrors.delete(uri));
    const open = new OpenFileDiagnostics(
      connection,
      documents,
      analyzer,
      { pull, refreshSupport: !!caps.workspace?.diagnostics?.refreshSupport },
      times,
    );
    const workspace = new WorkspaceDiagnostics(connection, documents, settings, filter, connection.console, pull, files);
    const notebooks = new NotebookStore(connection, settings, filter, connection.console, files);
    notebooks.listen();
    const fixAll = new FixAll(connection, documents, analyzer, notebooks);
    open.register();
    workspace.register();
    registerCodeActions(
      connection,
      documents,
      (uri) => documents.get(uri)?.document.getText() ?? notebooks.cellText(uri),
      fixAll,
    );
    const showDocument = !!caps.window?.showDocument?.support;
    const explain = new ExplainCommand(documents, settings, filter, files, connection.console);
    registerCommands(
      connection,
      fixAll,
      showDocument,
      new DtypeTestCommand(connection, documents, settings, filter, showDocument),
      explain,
    );
    registerHover(connection, analyzer, { documents, settings, workspace: files });
    registerDefinition(connection, documents, settings, files);
    // Other files' analyses read this one (a config's bases, the modules a config builds).
    // An edited base config re-analyses the open configs that inherit from it.
    documents.onDidChange(({ document }) => {
      const uri = URI.parse(document.uri);
      if (uri.scheme === 'file' && files.fileChanged(uri.fsPath, true)) open.refresh();
    });

    const refreshAll = () => {
      open.refresh();
      notebooks.refresh();
      workspace.refresh();
    };
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dtypeGuard' });
    }
    connection.onDidChangeConfiguration(({ settings: pushed }) => {
      // when the comparison itself fails, analysing again is the safe answer
      void settings.editorChanged(pushed).then(
        (changed) => changed && refreshAll(),
        () => refreshAll(),
      );
    });
    connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) {
        const uri = URI.parse(change.uri);
        if (uri.scheme === 'file') files.fileChanged(uri.fsPath);
      }
      if (changes.some((c) => c.uri.endsWith('pyproject.toml'))) {
        settings.projectChanged();
        projectProblems.fileChanged();
      }
      // Config rules read other files (_base_, registered modules): anything on disk may change a result.
      refreshAll();
    });
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => URI.parse(f.uri).fsPath));
        const added = event.added
          .map((f) => URI.parse(f.uri))
          .filter((u) => u.scheme === 'file')
          .map((u) => u.fsPath);
        filter.setFolders([...filter.workspaceFolders().filter((f) => !removed.has(f)), ...added]);
        workspace.refresh();
      });
    }
    if (!pull) workspace.refresh();
  });

  documents.listen(connection);
}
