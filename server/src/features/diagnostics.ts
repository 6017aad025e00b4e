/** Diagnostics: runs the core on open documents and reports findings, by pull or by push. */
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyze, ruleDocUrl, type Finding, type Fix, type Workspace } from '../analysis/index';

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

function diagnose(document: TextDocument, workspace: () => Workspace | undefined): Diagnostic[] {
  const uri = URI.parse(document.uri);
  const findings = analyze(document.getText(), { path: uri.scheme === 'file' ? uri.fsPath : undefined, workspace: workspace() });
  return findings.map((f) => toDiagnostic(f, document.uri));
}

/** Registers diagnostics; returns what to call when other files changed (configs depend on their bases). */
export function registerDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  mode: { pull: boolean; refreshSupport?: boolean },
  workspace: () => Workspace | undefined = () => undefined,
): () => void {
  if (mode.pull) {
    connection.languages.diagnostics.on((params) => {
      const document = documents.get(params.textDocument.uri);
      return { kind: DocumentDiagnosticReportKind.Full, items: document ? diagnose(document, workspace) : [] };
    });
    return () => {
      if (mode.refreshSupport) void connection.languages.diagnostics.refresh();
    };
  }
  const publish = (document: TextDocument) =>
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnose(document, workspace) });
  documents.onDidOpen((e) => publish(e.document));
  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  return () => documents.all().forEach(publish);
}
