/** Start-up phases in the log, as milliseconds since the server process started, to see where a first squiggle waits. */
import { performance } from 'node:perf_hooks';

export interface PhaseLog {
  info(message: string): void;
}

/** `performance.now()` counts from the process's start, so phases read as time since the editor spawned the server. */
function since(): string {
  return `${Math.round(performance.now())} ms`;
}

export class StartTimes {
  private log: PhaseLog | undefined;
  /** Phases seen before the connection's console exists; written once it does. */
  private readonly pending: string[] = [];
  /** Documents whose first diagnostics were already logged: only the first per document says something about start-up. */
  private readonly reported = new Set<string>();

  phase(name: string): void {
    const line = `start: ${name} at ${since()}`;
    if (this.log) this.log.info(line);
    else this.pending.push(line);
  }

  attach(log: PhaseLog): void {
    this.log = log;
    // The wall-clock origin lets the phases be lined up with the editor's own log.
    log.info(`start: times are since the server process started at ${new Date(performance.timeOrigin).toISOString()}`);
    for (const line of this.pending.splice(0)) log.info(line);
  }

  /** How long the settings read (pyproject.toml, editor settings) and the analysis of a document's first diagnostics took. */
  analysed(uri: string, settingsMs: number, analysisMs: number): void {
    if (this.reported.has(uri)) return;
    this.phase(`${uri} analysed (settings ${Math.round(settingsMs)} ms, analysis ${Math.round(analysisMs)} ms)`);
  }

  /** The first diagnostics of one document: when they left the server and how many. */
  firstDiagnostics(uri: string, count: number): void {
    if (this.reported.has(uri)) return;
    this.reported.add(uri);
    this.phase(`first diagnostics of ${uri} (${count}) sent`);
  }

  forget(uri: string): void {
    this.reported.delete(uri);
  }
}
