/**
 * workspace/executeCommand `dtype-guard.explain`: ties the dtype-mismatch errors of a pasted
 * traceback or a log file to their lines in the workspace folders, with each file's settings.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { RemoteConsole } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { diskWorkspace, explain, ruleDocUrl, type Finding, type Fix, type Range } from '../analysis/index';
import { analyzeText } from './documentAnalysis';
import type { DocumentStore } from './documents';
import type { FileFilter } from './fileFilter';
import type { SettingsStore } from './fileSettings';
import type { ServerWorkspace } from './workspaceFiles';

export const EXPLAIN_COMMAND = 'dtype-guard.explain';

/** What the client shows: plain data, positions 0-based as in LSP. */
export interface ExplainResult {
  explanations: {
    uri: string;
    code: string;
    severity: Finding['severity'];
    message: string;
    url: string;
    range: Range;
    fixes: Pick<Fix, 'title' | 'edits' | 'preferred'>[];
    /** The error as the log printed it, and how many times. */
    error: string;
    count: number;
  }[];
  untied: { error: string; reason: string; logLine: number }[];
}

export class ExplainCommand {
  constructor(
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly filter: FileFilter,
    private readonly files: ServerWorkspace,
    private readonly log: RemoteConsole,
  ) {}

  /** `{ text }` (a selection or the clipboard) or `{ logFile }` (a file the user picked, read as a stream). */
  async execute(arg: unknown): Promise<ExplainResult> {
    const reader = new explain.TracebackReader();
    const { text, logFile } = (arg ?? {}) as { text?: unknown; logFile?: unknown };
    if (typeof text === 'string') for (const line of explain.splitText(text)) reader.push(line);
    else if (typeof logFile === 'string') await readLog(logFile, reader);
    else throw new Error('dtype-guard.explain takes { text } or { logFile }');
    const roots = this.filter.workspaceFolders();
    // Frames are read inside the workspace folders only (no site-packages), open documents by their text.
    const disk = diskWorkspace(roots);
    const settingsOf = new Map<string, Awaited<ReturnType<SettingsStore['forUri']>>>();
    const errors = reader.result();
    for (const error of errors)
      for (const frame of error.frames)
        for (const file of explain.candidatePaths(frame.file, roots)) {
          // candidates lie inside the folders (candidatePaths): asking whether they exist reads nothing
          if (!existsSync(file)) continue;
          const uri = URI.file(file).toString();
          if (!settingsOf.has(uri)) settingsOf.set(uri, await this.settings.forUri(uri));
          break;
        }
    const explained = explain.explainErrors(errors, {
      roots,
      readFile: (file) => this.openText(file) ?? disk.readFile(file),
      findings: (file, source) => {
        const settings = settingsOf.get(URI.file(file).toString());
        if (!settings) return [];
        const workspace = this.files.get(settings.configGlobs);
        return analyzeText({
          length: source.length,
          file,
          settings,
          filter: this.filter,
          log: this.log,
          syntaxOf: () => this.files.session.parseSyntax(source),
          workspace,
          session: this.files.session,
        });
      },
    });
    return {
      explanations: explained
        .filter((e) => e.finding && e.file)
        .map((e) => ({
          uri: URI.file(e.file!).toString(),
          code: e.finding!.code,
          severity: e.finding!.severity,
          message: e.finding!.message,
          url: ruleDocUrl(e.finding!.code),
          range: e.finding!.range,
          fixes: e.finding!.fixes.map((f) => ({ title: f.title, edits: f.edits, preferred: f.preferred })),
          error: e.error.mismatch.text,
          count: e.error.count,
        })),
      untied: explained
        .filter((e) => !e.finding)
        .map((e) => ({ error: e.error.mismatch.text, reason: e.reason ?? 'not tied', logLine: e.error.logLine })),
    };
  }

  private openText(file: string): string | undefined {
    const target = path.resolve(file);
    const open = this.documents.all().find((d) => {
      const uri = URI.parse(d.document.uri);
      return uri.scheme === 'file' && uri.fsPath === target;
    });
    return open?.document.getText();
  }
}

async function readLog(file: string, reader: explain.TracebackReader): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const splitter = new explain.LineSplitter((line) => reader.push(line));
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }))
    splitter.push(decoder.decode(chunk as Uint8Array, { stream: true }));
  splitter.push(decoder.decode());
  splitter.end();
}
