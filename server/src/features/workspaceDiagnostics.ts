/**
 * dtypeGuard.diagnosticMode = "workspace": problems of every Python file of the workspace, open or
 * not. Pull clients get workspace/diagnostic (answered with "unchanged" for files whose text and
 * settings did not change, and held until something changes); push clients get publishDiagnostics.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  DocumentDiagnosticReportKind,
  Emitter,
  type CancellationToken,
  type Connection,
  type RemoteConsole,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { mayHaveFindingsFor, parseSyntax } from '../analysis/index';
import { readSource } from '../readSource';
import { analyzeText, PARSE_LIMITS } from './documentAnalysis';
import { toDiagnostic } from './diagnostics';
import type { DocumentStore } from './documents';
import { SKIP_DIRS, type FileFilter } from './fileFilter';
import type { SettingsStore } from './fileSettings';
import type { ServerWorkspace } from './workspaceFiles';

/** A bound on one walk, so that a huge tree cannot stall the server. */
const MAX_FILES = 5000;
/** How long a repeated workspace pull is held when nothing changed (the client asks again every 2 s). */
const HOLD_MS = 30_000;
/** Background analysis of the workspace pauses until open documents have had no edit for this long. */
const QUIET_MS = 500;

function pythonFiles(folder: string): string[] {
  const files: string[] = [];
  const stack = [folder];
  while (stack.length && files.length < MAX_FILES) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: skip it
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) stack.push(full);
      else if (entry.isFile() && entry.name.endsWith('.py')) files.push(full);
    }
  }
  return files.sort();
}

export class WorkspaceDiagnostics {
  private generation = 0;
  private answeredGeneration = -1;
  private readonly changed = new Emitter<void>();
  /** Files this server has reported in push mode, to clear them when they stop being reported. */
  private readonly pushed = new Set<string>();
  /** Whether the last pull answer reported anything, which a switch back to openFiles must clear. */
  private reportedAny = false;
  /** When an open document was last edited: the user's typing goes before the workspace. */
  private lastEdit = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly filter: FileFilter,
    private readonly log: RemoteConsole,
    private readonly pull: boolean,
    private readonly workspace?: ServerWorkspace,
  ) {}

  register(): void {
    if (this.pull)
      this.connection.languages.diagnostics.onWorkspace((params, token) => this.answer(params.previousResultIds, token));
    this.documents.onDidClose(() => this.refresh());
    this.documents.onDidChange(() => (this.lastEdit = Date.now()));
  }

  /**
   * Called between two workspace files: lets queued messages (edits, hovers) run first, and waits
   * while the user is typing, so that the open document's analysis never queues behind the workspace.
   */
  private async turn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (let quiet = Date.now() - this.lastEdit; quiet < QUIET_MS; quiet = Date.now() - this.lastEdit)
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS - quiet));
  }

  /** Files, settings or open documents changed: re-report (push) or wake the held pull. */
  refresh(): void {
    this.generation++;
    this.changed.fire();
    if (!this.pull) void this.publishAll();
  }

  private async answer(previousIds: { uri: string; value: string }[], token: CancellationToken) {
    if (previousIds.length && this.answeredGeneration === this.generation) await this.waitForChange(token);
    this.answeredGeneration = this.generation;
    const previous = new Map(previousIds.map((p) => [p.uri, p.value]));
    const files = await this.files();
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const file of files) {
      await this.turn();
      if (token.isCancellationRequested) break;
      const report = await this.reportFor(file, previous);
      if (report) items.push(report);
    }
    this.reportedAny = items.some((i) => i.kind === DocumentDiagnosticReportKind.Full && i.items.length > 0);
    return { items };
  }

  private waitForChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        cancel.dispose();
        resolve();
      };
      const timer = setTimeout(done, HOLD_MS);
      const sub = this.changed.event(done);
      const cancel = token.onCancellationRequested(done);
    });
  }

  /** Python files to consider; none (and no walk) when no workspace folder is in workspace mode. */
  private async files(): Promise<string[]> {
    const folders = this.filter.workspaceFolders();
    const modes = await Promise.all(folders.map((f) => this.settings.forUri(URI.file(f).toString())));
    if (!modes.some((s) => s.diagnosticMode === 'workspace') && this.pushed.size === 0 && !this.reportedAny) return [];
    return folders.flatMap(pythonFiles);
  }

  private async reportFor(file: string, previous: Map<string, string>): Promise<WorkspaceDocumentDiagnosticReport | undefined> {
    const uri = URI.file(file).toString();
    if (this.documents.get(uri)) return undefined; // an open document reports through its own pull
    const settings = await this.settings.forUri(uri);
    if (settings.diagnosticMode !== 'workspace') {
      return previous.has(uri) ? { kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] } : undefined;
    }
    let stamp: string;
    try {
      const stat = statSync(file);
      stamp = `${this.generation}:${stat.mtimeMs}:${stat.size}`;
    } catch {
      return undefined; // deleted meanwhile
    }
    if (previous.get(uri) === stamp) return { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId: stamp };
    const diagnostics = this.diagnose(file, uri, settings);
    return { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: stamp, items: diagnostics };
  }

  private diagnose(file: string, uri: string, settings: Awaited<ReturnType<SettingsStore['forUri']>>) {
    const read = readSource(file, settings.maxFileSize);
    if (!read.ok) {
      this.log.warn(`${file}: not analysed: ${read.reason}`);
      return [];
    }
    const text = read.text;
    // No rule can fire on a text that names none of their words (the CLI skips it likewise): not
    // parsing it spares the allocation that a workspace of thousands of files would otherwise make.
    const workspace = this.workspace?.get(settings.configGlobs);
    const scope = { path: file, select: settings.select, ignore: settings.ignore, severity: settings.severity, workspace };
    if (!mayHaveFindingsFor(text, scope)) return [];
    const session = this.workspace?.session;
    const syntaxOf = () => parseSyntax(text, PARSE_LIMITS, session?.parser);
    const findings = analyzeText({
      length: text.length,
      file,
      settings,
      filter: this.filter,
      log: this.log,
      syntaxOf,
      workspace,
      session,
    });
    return findings.map((f) => toDiagnostic(f, uri));
  }

  /** Push clients: publish every workspace file that is not open; clear those no longer reported. */
  private async publishAll(): Promise<void> {
    const generation = this.generation;
    const now = new Set<string>();
    const files = await this.files();
    for (const file of files) {
      await this.turn();
      if (this.generation !== generation) return; // a newer run reports everything again
      const uri = URI.file(file).toString();
      if (this.documents.get(uri)) continue;
      const settings = await this.settings.forUri(uri);
      if (settings.diagnosticMode !== 'workspace') continue;
      now.add(uri);
      this.pushed.add(uri); // kept even if a newer run takes over, so that one can clear it
      void this.connection.sendDiagnostics({ uri, diagnostics: this.diagnose(file, uri, settings) });
    }
    for (const uri of this.pushed) {
      if (now.has(uri)) continue;
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.pushed.delete(uri);
    }
  }
}
