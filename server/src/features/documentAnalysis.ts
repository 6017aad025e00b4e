/**
 * Runs the core on open documents: debounced after edits (dtypeGuard.debounceMs), restarted when a
 * newer version arrives, results kept only for the newest version, and a failing rule or file
 * logged without taking anything else down.
 */
import { Emitter, type CancellationToken, type RemoteConsole } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import {
  analyzeSyntax,
  brokenParts,
  type AnalysisSession,
  ParseCancelledError,
  type BrokenPart,
  type Finding,
  type ParseLimits,
  type SyntaxNode,
  type Workspace,
} from '../analysis/index';
import type { DocumentStore, OpenDocument } from './documents';
import type { FileFilter } from './fileFilter';
import { keptFindings, type LastResult } from './keptFindings';
import type { FileSettings, SettingsStore } from './fileSettings';
import type { ServerWorkspace } from './workspaceFiles';

/**
 * Parsing stops after this long, so no file can stall the server. DTYPE_GUARD_PARSE_TIMEOUT_MS
 * changes it (slow machines); DTYPE_GUARD_PARSE_MAX_STEPS adds a step budget (tests use it to
 * cancel a parse deterministically).
 */
export const PARSE_LIMITS: ParseLimits = {
  timeoutMs: Number(process.env.DTYPE_GUARD_PARSE_TIMEOUT_MS) || 5000,
  ...(Number(process.env.DTYPE_GUARD_PARSE_MAX_STEPS) > 0 ? { maxSteps: Number(process.env.DTYPE_GUARD_PARSE_MAX_STEPS) } : {}),
};

/** An analysis cheaper than this is not worth deferring (see `delayFor`). */
const CHEAP_MS = 50;

export interface AnalysisResult {
  uri: string;
  version: number;
  findings: Finding[];
  settings: FileSettings;
  /** The parts of the text that do not parse (their last findings are kept, see keptFindings.ts). */
  broken: BrokenPart[];
}

/** One text to analyse in the server, with what decides whether and how. */
export interface TextAnalysis {
  /** The text's length, in UTF-16 code units (the text itself is read through its syntax tree). */
  length: number;
  /** The file's path on disk; absent for a document that is not a file. */
  file: string | undefined;
  settings: FileSettings;
  filter: FileFilter;
  log: RemoteConsole;
  /** The text's syntax tree, asked for only when the text is analysed. */
  syntaxOf: () => SyntaxNode;
  workspace?: Workspace;
  /** The server's analysis session (absent in tests: one per call). */
  session?: AnalysisSession;
  /** Told why the text is not analysed (settings, size, parse limits), or undefined when it is. */
  skipped?: (reason: string | undefined) => void;
}

/** Analyses one text under its settings, catching everything: a failure costs findings, never the server. */
export function analyzeText({
  length,
  file,
  settings,
  filter,
  log,
  syntaxOf,
  workspace,
  session,
  skipped,
}: TextAnalysis): Finding[] {
  if (!settings.enable) {
    skipped?.('dtypeGuard.enable is off');
    return [];
  }
  if (file && filter.isExcluded(file, settings)) {
    skipped?.('excluded by dtypeGuard.exclude');
    return [];
  }
  skipped?.(undefined);
  if (length > settings.maxFileSize) {
    log.info(`${file ?? 'document'}: ${length} characters, over dtypeGuard.maxFileSize (${settings.maxFileSize}); not analysed`);
    skipped?.(`larger than dtypeGuard.maxFileSize (${settings.maxFileSize})`);
    return [];
  }
  try {
    return analyzeSyntax(syntaxOf(), {
      path: file,
      select: settings.select,
      ignore: settings.ignore,
      severity: settings.severity,
      workspace,
      session,
      onRuleError: (rule, error) =>
        log.error(`${file ?? 'document'}: rule ${rule.code} (${rule.name}) failed: ${describe(error)}`),
      onModelError: (error) => log.error(`dtype model failed in ${file ?? 'document'}: ${describe(error)}`),
    });
  } catch (error) {
    if (error instanceof ParseCancelledError) {
      log.warn(`${file ?? 'document'}: not analysed: ${error.message} (parse limits: ${JSON.stringify(PARSE_LIMITS)})`);
      skipped?.(error.message);
      return [];
    }
    log.error(`${file ?? 'document'}: analysis failed: ${describe(error)}`);
    return [];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export class Analyzer {
  private readonly results = new Map<string, AnalysisResult>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The run under way for each document, and of which version (see `run`). */
  private readonly running = new Map<string, { version: number; result: Promise<AnalysisResult | undefined> }>();
  private readonly analyzed = new Emitter<AnalysisResult>();
  /** Fires once per analysed version that is still the newest when its analysis ends. */
  readonly onDidAnalyze = this.analyzed.event;
  /** The last debounce delay a file's settings asked for (the wait starts before settings are read). */
  private debounceMs = 150;
  /** How long each document's last analysis took (reparse included), in milliseconds. */
  private readonly cost = new Map<string, number>();
  /** Each document's last text and findings, for the parts a later version breaks. */
  private readonly last = new Map<string, LastResult>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly filter: FileFilter,
    private readonly log: RemoteConsole,
    private readonly workspace?: ServerWorkspace,
    /** Told when an open document is not analysed (too large, parse stopped), and when it is again. */
    private readonly onSkipped?: (uri: string, reason: string | undefined) => void,
    /** Told how long a document's settings read and analysis took, for the start-up log. */
    private readonly onTimed?: (uri: string, settingsMs: number, analysisMs: number) => void,
  ) {}

  /**
   * The wait after an edit. Waiting saves work only when analysing costs more than waiting: a
   * document whose last analysis (reparse included) took under CHEAP_MS is analysed at once (at ten
   * keystrokes a second that is still under half the CPU); a slower one waits as long as its last
   * analysis took, and never longer than `debounceMs`. A document not analysed yet (just opened)
   * is analysed at once: nothing is typed into it yet, and its first squiggle is what the user waits for.
   */
  delayFor(uri: string): number {
    const cost = this.cost.get(uri);
    if (cost === undefined) return 0;
    return cost < CHEAP_MS ? 0 : Math.min(this.debounceMs, Math.ceil(cost));
  }

  /** (Re)starts the wait before analysing a document; an edit during the wait restarts it. */
  schedule(uri: string, delay = this.delayFor(uri)): void {
    clearTimeout(this.timers.get(uri));
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri);
    }, delay);
    this.timers.set(uri, timer);
  }

  /** Drops a closed document's state. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.results.delete(uri);
    this.running.delete(uri);
    this.cost.delete(uri);
    this.last.delete(uri);
  }

  /** Forgets every result (settings changed) and re-analyses every open document at once. */
  invalidateAll(): void {
    this.results.clear();
    // A run under way read the old settings: the next one starts afresh.
    this.running.clear();
    for (const { document } of this.documents.all()) this.schedule(document.uri, 0);
  }

  /** The result for the document's current version: kept, or after the pending wait, or computed now. */
  async latest(uri: string, token?: CancellationToken): Promise<AnalysisResult | undefined> {
    const open = this.documents.get(uri);
    if (!open) return undefined;
    const kept = this.results.get(uri);
    if (kept && kept.version === open.document.version) return kept;
    if (!this.timers.has(uri)) return this.run(uri);
    return new Promise((resolve) => {
      const done = (result: AnalysisResult | undefined) => {
        listener.dispose();
        closed.dispose();
        cancelled?.dispose();
        resolve(result);
      };
      const listener = this.onDidAnalyze((r) => {
        if (r.uri === uri && r.version === this.documents.get(uri)?.document.version) done(r);
      });
      // A document closed while waiting will never be analysed: answer rather than wait forever.
      const closed = this.documents.onDidClose((closedUri) => closedUri === uri && done(undefined));
      const cancelled = token?.onCancellationRequested(() => done(undefined));
    });
  }

  /** Analyses now, skipping the wait (fix all on save must see the text being saved). */
  async now(uri: string): Promise<AnalysisResult | undefined> {
    const open = this.documents.get(uri);
    const kept = this.results.get(uri);
    if (open && kept && kept.version === open.document.version) return kept;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    return this.run(uri);
  }

  /**
   * Analyses the document's current version, or joins the run already under way for it: a request
   * that comes while a just-opened document waits for its settings must not analyse it twice (the
   * second run reuses the first's results and would leave a cost that makes every edit look cheap).
   */
  private run(uri: string): Promise<AnalysisResult | undefined> {
    const version = this.documents.get(uri)?.document.version;
    const running = this.running.get(uri);
    if (running && running.version === version) return running.result;
    const result = this.runOnce(uri).finally(() => {
      if (this.running.get(uri)?.result === result) this.running.delete(uri);
    });
    if (version !== undefined) this.running.set(uri, { version, result });
    return result;
  }

  private async runOnce(uri: string): Promise<AnalysisResult | undefined> {
    const open = this.documents.get(uri);
    if (!open) return undefined;
    const version = open.document.version;
    const asked = performance.now();
    const settings = await this.settings.forUri(uri);
    const settingsMs = performance.now() - asked;
    this.debounceMs = settings.debounceMs;
    const current = this.documents.get(uri);
    if (current !== open || current.document.version !== version) return undefined; // a newer version has its own run
    const started = performance.now();
    const { findings, broken } = this.analyzeOpen(open, settings);
    this.cost.set(uri, performance.now() - started);
    this.onTimed?.(uri, settingsMs, performance.now() - started);
    const result = { uri, version, findings, settings, broken };
    this.last.set(uri, { source: open.source.current(), findings });
    this.results.set(uri, result);
    this.analyzed.fire(result);
    return result;
  }

  private analyzeOpen(open: OpenDocument, settings: FileSettings): { findings: Finding[]; broken: BrokenPart[] } {
    const uri = open.document.uri;
    const parsed = URI.parse(uri);
    const file = parsed.scheme === 'file' ? parsed.fsPath : undefined;
    const workspace = this.workspace?.get(settings.configGlobs);
    let root: SyntaxNode | undefined;
    const syntaxOf = () => (root = open.source.currentSyntax(PARSE_LIMITS));
    const skipped = (reason: string | undefined) => this.onSkipped?.(uri, reason);
    const session = this.workspace?.session;
    const findings = analyzeText({
      length: open.source.length,
      file,
      settings,
      filter: this.filter,
      log: this.log,
      syntaxOf,
      workspace,
      session,
      skipped,
    });
    const broken = root ? brokenParts(root) : [];
    if (!broken.length) return { findings, broken };
    // Functions that do not parse keep their last findings until they do.
    const kept = keptFindings(this.last.get(uri), open.source.current(), findings, broken);
    const where = broken.map((p) => `${p.name ?? 'code'} (line ${p.errorLine + 1})`).join(', ');
    this.log.info(`${file ?? uri}: syntax error in ${where}: not analysed, ${kept.length} earlier finding(s) kept`);
    const all = [...findings, ...kept].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    return { findings: all, broken };
  }
}
