/** Logs each document's first diagnostics pull: when it was asked and how long the server took to answer, for the start-up log. */
import { performance } from 'node:perf_hooks';
import type { LogOutputChannel, TextDocument, Uri } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

type ProvideDiagnostics = NonNullable<Middleware['provideDiagnostics']>;

/**
 * The middleware; only the first answered pull per document is logged, since only it says
 * something about start-up (a pull that is cancelled or fails is not an answer).
 */
export function logFirstPulls(log: LogOutputChannel): ProvideDiagnostics {
  const seen = new Set<string>();
  return async (document, previousResultId, token, next) => {
    const uri = ('uri' in document ? (document as TextDocument).uri : (document as Uri)).toString();
    if (seen.has(uri)) return next(document, previousResultId, token);
    const asked = performance.now();
    const report = await next(document, previousResultId, token);
    if (!report || token.isCancellationRequested || seen.has(uri)) return report;
    seen.add(uri);
    const count = report && 'items' in report ? report.items.length : 0;
    log.info(
      `first diagnostics of ${uri} (${count}) received at ${Math.round(performance.now())} ms of the extension host, ` +
        `${Math.round(performance.now() - asked)} ms after the pull`,
    );
    return report;
  };
}
