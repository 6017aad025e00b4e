/**
 * Open documents with incremental sync: every change is applied to the document's source, which
 * keeps the text in pieces and the syntax tree across edits (analysis/incremental.ts), so a
 * keystroke neither copies the whole text nor reparses the whole file.
 */
import { Emitter, type Connection } from 'vscode-languageserver/node';
import type { Parser } from 'web-tree-sitter';
import { EditorDocument, IncrementalSource, applyChange } from '../analysis/index';

export interface OpenDocument {
  document: EditorDocument;
  source: IncrementalSource;
}

export class DocumentStore {
  private readonly open = new Map<string, OpenDocument>();
  private readonly changed = new Emitter<OpenDocument>();
  private readonly closed = new Emitter<string>();
  /** Fires after a document opens or changes, with its newest version. */
  readonly onDidChange = this.changed.event;
  readonly onDidClose = this.closed.event;
  /** The analysis session's parser, once the server has one: reparses reuse it instead of making their own. */
  private parser: () => Parser | undefined = () => undefined;

  parseWith(parser: () => Parser | undefined): void {
    this.parser = parser;
  }

  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.open.values()];
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument: t }) => {
      this.open.get(t.uri)?.source.dispose();
      const source = new IncrementalSource(t.text, this.parser());
      const entry = { document: new EditorDocument(t.uri, t.languageId, t.version, source), source };
      this.open.set(t.uri, entry);
      this.changed.fire(entry);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const entry = this.open.get(textDocument.uri);
      if (!entry) return;
      for (const change of contentChanges) applyChange(entry.document, change);
      entry.document.version = textDocument.version;
      this.changed.fire(entry);
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      this.open.get(textDocument.uri)?.source.dispose();
      this.open.delete(textDocument.uri);
      this.closed.fire(textDocument.uri);
    });
  }
}
