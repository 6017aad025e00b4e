/**
 * Diagnostics of open documents: the one bridge from a core Finding to an LSP Diagnostic, then
 * delivery by pull (textDocument/diagnostic) where the client supports it, by push otherwise.
 */
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ruleDocUrl, type Finding, type Fix } from '../analysis/index';
import type { Analyzer } from './documentAnalysis';
import type { DocumentStore } from './documents';
import type { StartTimes } from './startTimes';

/** What a diagnostic carries so that code actions need no state of their own. */
export interface DiagnosticData {
  code: string;
  fixes: Fix[];
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The one bridge from a core finding to an LSP diagnostic. */
export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  const data: DiagnosticData = { code: finding.code, fixes: finding.fixes };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocUrl(finding.code) },
    source: 'Dtype Guard',
    message: finding.message,
    relatedInformation: finding.related?.map((r) => ({
      location: { uri: r.file ? URI.file(r.file).toString() : uri, range: r.range },
      message: r.message,
    })),
    data,
  };
}

export interface DiagnosticsMode {
  pull: boolean;
  /** Whether the client re-pulls on workspace/diagnostic/refresh. */
  refreshSupport: boolean;
}

export class OpenFileDiagnostics {
  /** Bumped when settings or files on disk change, so that unchanged-report ids stop matching. */
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly analyzer: Analyzer,
    private readonly mode: DiagnosticsMode,
    private readonly times?: StartTimes,
  ) {}

  register(): void {
    this.documents.onDidChange(({ document }) => this.analyzer.schedule(document.uri));
    this.documents.onDidClose((uri) => {
      this.analyzer.forget(uri);
      this.times?.forget(uri);
      if (!this.mode.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    });
    if (this.mode.pull) {
      this.connection.languages.diagnostics.on(async (params, token) =>
        this.report(params.textDocument.uri, params.previousResultId, token),
      );
    } else {
      this.analyzer.onDidAnalyze(({ uri, version, findings }) => {
        void this.connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, uri)) });
        this.times?.firstDiagnostics(uri, findings.length);
      });
    }
  }

  /** Settings or other files changed: every open document is analysed again and re-reported. */
  refresh(): void {
    this.generation++;
    this.analyzer.invalidateAll();
    if (this.mode.pull && this.mode.refreshSupport) void this.connection.languages.diagnostics.refresh();
  }

  private async report(
    uri: string,
    previousResultId: string | undefined,
    token: import('vscode-languageserver/node').CancellationToken,
  ): Promise<DocumentDiagnosticReport> {
    if (!this.documents.get(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // A newer version may arrive while waiting; the loop ends on the version that is current when analysed.
    for (let attempt = 0; attempt < 20 && !token.isCancellationRequested; attempt++) {
      const result = await this.analyzer.latest(uri, token);
      if (!result) {
        if (!this.documents.get(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        continue;
      }
      const resultId = `${this.generation}:${result.version}`;
      if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      this.times?.firstDiagnostics(uri, result.findings.length);
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: result.findings.map((f) => toDiagnostic(f, uri)) };
    }
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer version is being analysed', { retriggerRequest: true });
  }
}
