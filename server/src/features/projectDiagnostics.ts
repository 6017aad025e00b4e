/**
 * One diagnostic on a pyproject.toml whose `[tool.dtype-guard]` cannot be used (never a popup per
 * keystroke); cleared once the file reads fine again. Pushed, since pyproject.toml is not a Python document.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { readSource } from '../readSource';
import type { ProjectConfigError } from '../settingsSchema';

export class ProjectDiagnostics {
  /** pyproject.toml files that currently carry our diagnostic. */
  private readonly reported = new Set<string>();
  /** The last message sent per file, so that re-reading an unchanged file sends nothing. */
  private readonly lastMessage = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  /** Shaped as the SettingsStore's ProjectProblemSink. */
  readonly report = (file: string, error: ProjectConfigError | undefined): void => {
    const uri = URI.file(file).toString();
    if (!error) {
      this.lastMessage.delete(uri);
      if (this.reported.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    if (this.lastMessage.get(uri) === error.message) return;
    this.lastMessage.set(uri, error.message);
    this.reported.add(uri);
    this.connection.console.warn(`${error.message} (using the editor settings only)`);
    void this.connection.sendDiagnostics({ uri, diagnostics: [diagnosticFor(file, error)] });
  };

  /** After a pyproject.toml changed: send the next report even when its message is the same (its place may not be). */
  fileChanged(): void {
    this.lastMessage.clear();
  }
}

function diagnosticFor(file: string, error: ProjectConfigError): Diagnostic {
  let line = error.line !== undefined ? error.line - 1 : 0;
  const character = error.column !== undefined ? Math.max(0, error.column - 1) : 0;
  if (error.line === undefined) {
    // readSource, not readFileSync: the file may be a FIFO or a directory (then line 0 it is).
    const read = readSource(file, 1_000_000);
    const header = read.ok ? read.text.split('\n').findIndex((l) => /^\s*\[tool\.dtype-guard\]/.test(l)) : -1;
    if (header >= 0) line = header;
  }
  return {
    range: { start: { line, character }, end: { line, character: character + 1 } },
    severity: DiagnosticSeverity.Error,
    source: 'Dtype Guard',
    message: `${error.reason}. Dtype Guard ignores this file's [tool.dtype-guard] settings until it is fixed.`,
  };
}
