/** "Show documentation": the rule's page bundled with the extension, opened in the Markdown preview (no network). */
import { existsSync } from 'node:fs';
import { commands, env, Uri, window, type ExtensionContext, type LogOutputChannel } from 'vscode';

/** The server command the code action runs; its argument is the page's public URL. */
export const SHOW_DOCUMENTATION = 'dtype-guard.showDocumentation';

/** Opens the bundled page of the rule the URL names; the URL itself only when no page is bundled. */
export async function showDocumentation(context: ExtensionContext, log: LogOutputChannel, url: unknown): Promise<void> {
  const code = typeof url === 'string' ? /\b(DG\d{3})\.md$/.exec(url)?.[1] : undefined;
  const page = code && context.asAbsolutePath(`docs/rules/${code}.md`);
  if (page && existsSync(page)) {
    const uri = Uri.file(page);
    try {
      await commands.executeCommand('markdown.showPreview', uri);
    } catch (error) {
      // without the built-in Markdown extension the page opens as text
      log.warn(
        `Markdown preview unavailable (${error instanceof Error ? error.message : String(error)}); opening ${page} as text`,
      );
      await window.showTextDocument(uri, { preview: true });
    }
    return;
  }
  if (typeof url === 'string') await env.openExternal(Uri.parse(url));
}
