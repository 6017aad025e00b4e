/**
 * Sends the active editor's document to the server before the other open documents: the server
 * analyses documents in the order they are opened, and the one on screen is the one the user waits for.
 */
import { window, workspace, type TextDocument } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

type DidOpen = NonNullable<Middleware['didOpen']>;

/** The longest the other documents wait for the active one (it is normally sent in the same pass). */
const MAX_WAIT_MS = 2000;

/** `isPython` says whether the client syncs a document; only then is it waited for. */
export function activeDocumentFirst(isPython: (document: TextDocument) => boolean): DidOpen {
  const active = window.activeTextEditor?.document;
  if (!active || active.isClosed || !isPython(active)) return (document, next) => next(document);
  let release = () => {};
  const sent = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(() => release(), MAX_WAIT_MS);
  const closed = workspace.onDidCloseTextDocument((document) => document === active && release());
  void sent.then(() => {
    clearTimeout(timer);
    closed.dispose();
  });
  return async (document, next) => {
    if (document !== active) {
      await sent;
      return next(document);
    }
    try {
      await next(document);
    } finally {
      release();
    }
  };
}
