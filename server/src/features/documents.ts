/**
 * Open documents with incremental sync: every change updates the text and is replayed on the kept
 * syntax tree, so analysis reparses incrementally (TextDocuments does not expose the change ranges).
 */
import { Emitter, type Connection, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { IncrementalSource } from '../analysis/index';

export interface OpenDocument {
  document: TextDocument;
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
      const entry = {
        document: TextDocument.create(t.uri, t.languageId, t.version, t.text),
        source: new IncrementalSource(t.text, this.parser()),
      };
      this.open.set(t.uri, entry);
      this.changed.fire(entry);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const entry = this.open.get(textDocument.uri);
      if (!entry) return;
      for (const change of contentChanges) this.applyChange(entry, change, textDocument.version);
      this.changed.fire(entry);
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      this.open.get(textDocument.uri)?.source.dispose();
      this.open.delete(textDocument.uri);
      this.closed.fire(textDocument.uri);
    });
  }

  /** Changes apply one at a time: each range refers to the text left by the previous change. */
  private applyChange(entry: OpenDocument, change: TextDocumentContentChangeEvent, version: number): void {
    if (!('range' in change)) {
      entry.source.replace(change.text);
      entry.document = TextDocument.update(entry.document, [change], version);
      return;
    }
    // Offsets first, then positions back from them: this clamps out-of-range positions the way
    // TextDocument does. All read before the update, which changes the document in place.
    const before = entry.document;
    const startOffset = before.offsetAt(change.range.start);
    const rangeEnd = before.offsetAt(change.range.end);
    const endOffset = Math.max(startOffset, rangeEnd);
    const edit = {
      startOffset,
      endOffset,
      start: before.positionAt(startOffset),
      end: before.positionAt(endOffset),
      text: change.text,
    };
    entry.document = TextDocument.update(before, [change], version);
    // The document's new text is the edited text (TextDocument swaps the ends of a reversed range,
    // which the source does not): the source takes it rather than making its own copy.
    entry.source.edit(edit, rangeEnd >= startOffset ? entry.document.getText() : undefined);
  }
}
