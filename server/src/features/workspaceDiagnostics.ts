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
import { mayHaveFindings, parse } from '../analysis/index';
import { readSource } from '../readSource';
import { analyzeText, PARSE_LIMITS } from './analysis';
import { toDiagnostic } from './diagnostics';
import type { DocumentStore } from './documents';
import { SKIP_DIRS, type FileFilter } from './fileFilter';
import type { SettingsStore } from './settings';
import { withSmallHeap } from './smallHeap';
import type { ServerWorkspace } from './workspaceFiles';

/** A bound on one walk, so that a huge tree cannot stall the server. */
const MAX_FILES = 5000;
/** How long a repeated workspace pull is held when nothing changed (the client asks again every 2 s). */
const HOLD_MS = 30_000;

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
    const items = await withSmallHeap(files.length > 0, async () => {
      const reports: WorkspaceDocumentDiagnosticReport[] = [];
      for (const file of files) {
        if (token.isCancellationRequested) break;
        const report = await this.reportFor(file, previous);
        if (report) reports.push(report);
      }
      return reports;
    });
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
    if (!mayHaveFindings(text)) return [];
    let tree: ReturnType<typeof parse> | undefined;
    try {
      const workspace = this.workspace?.get(settings.configGlobs);
      const treeOf = () => (tree = parse(text, null, PARSE_LIMITS));
      const findings = analyzeText(text, file, settings, this.filter, this.log, treeOf, workspace);
      return findings.map((f) => toDiagnostic(f, uri));
    } finally {
      tree?.delete();
    }
  }

  /** Push clients: publish every workspace file that is not open; clear those no longer reported. */
  private async publishAll(): Promise<void> {
    const now = new Set<string>();
    const files = await this.files();
    await withSmallHeap(files.length > 0, async () => {
      for (const file of files) {
        const uri = URI.file(file).toString();
        if (this.documents.get(uri)) continue;
        const settings = await this.settings.forUri(uri);
        if (settings.diagnosticMode !== 'workspace') continue;
        now.add(uri);
        void this.connection.sendDiagnostics({ uri, diagnostics: this.diagnose(file, uri, settings) });
      }
    });
    for (const uri of this.pushed) if (!now.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.pushed.clear();
    now.forEach((uri) => this.pushed.add(uri));
  }
}
