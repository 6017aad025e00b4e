/**
 * Dtype-mismatch errors printed in the integrated terminal become links: a click explains the
 * traceback above the error (the terminal's text) as the command does.
 */
import { commands, env, window, type Disposable, type Terminal, type TerminalLink } from 'vscode';
import { ERROR_LINE, type Explainer } from './explain';

interface ErrorLink extends TerminalLink {
  terminal: Terminal;
  line: string;
}

export function registerTerminalLinks(explainer: Explainer): Disposable {
  return window.registerTerminalLinkProvider({
    provideTerminalLinks(context): ErrorLink[] {
      if (!ERROR_LINE.test(context.line)) return [];
      const start = context.line.search(/\S/);
      const length = context.line.trimEnd().length - start;
      return [
        { startIndex: start, length, tooltip: 'Dtype Guard: explain this error', terminal: context.terminal, line: context.line },
      ];
    },
    async handleTerminalLink(link: ErrorLink) {
      const text = await terminalText(link.terminal);
      // Without the terminal's text only the error line is known: the server then says it has no frame.
      await explainer.explain({ text: text?.includes(link.line.trim()) ? text : link.line }, link.line);
    },
  });
}

/**
 * The terminal's text (its scrollback), through its own select-all and copy: the API gives a link
 * provider one line only. The clipboard is put back as it was.
 */
async function terminalText(terminal: Terminal): Promise<string | undefined> {
  const saved = await env.clipboard.readText();
  try {
    terminal.show(false);
    await commands.executeCommand('workbench.action.terminal.selectAll');
    await commands.executeCommand('workbench.action.terminal.copySelection');
    await commands.executeCommand('workbench.action.terminal.clearSelection');
    return await env.clipboard.readText();
  } catch {
    return undefined;
  } finally {
    await env.clipboard.writeText(saved);
  }
}
