/** Hover on config files: the effective AMP state, where the hovered value comes from, what a `type=` builds. */
import path from 'node:path';
import { MarkupKind, type Connection, type Hover, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { configHoverAt, type ConfigHoverInfo, type Place, type Workspace } from '../analysis/index';

/** `file:line` relative to the first workspace root that holds it. */
function where(place: Place, roots: string[]): string {
  const root = roots.find((r) => !path.relative(r, place.file).startsWith('..'));
  const shown = root ? path.relative(root, place.file) : place.file;
  return `[${shown.split(path.sep).join('/')}:${place.range.start.line + 1}](${URI.file(place.file).toString()}#L${place.range.start.line + 1})`;
}

/** The markdown of a config hover (kept separate so that another hover provider can append it). */
export function configHoverMarkdown(info: ConfigHoverInfo, roots: string[]): string {
  const lines: string[] = [];
  if (info.key) {
    lines.push(`**${info.key.path}** = \`${info.key.value ?? '(not set)'}\``);
    if (info.key.from) lines.push(`set in ${where(info.key.from, roots)}`);
  }
  if (info.type) {
    const t = info.type;
    lines.push(
      t.resolved
        ? `**type='${t.name}'** → class \`${t.resolved.className}\` (${t.resolved.registry}) in ${where(t.resolved, roots)}` +
            (t.alternatives ? ` (${t.alternatives} other registration${t.alternatives > 1 ? 's' : ''})` : '')
        : `**type='${t.name}'**: no registered class of this name in the workspace`,
    );
    for (const call of t.autocast)
      lines.push(`- ⚠ breaks under autocast: ${call.code} ${where(call, roots)} (${call.path.join(' → ')})`);
    for (const call of t.halfOnly)
      lines.push(`- deployment risk, breaks under \`model.half()\` only: ${call.code} ${where(call, roots)}`);
  }
  if (info.bases) {
    lines.push('**_base_**');
    for (const b of info.bases)
      lines.push(`- \`${b.text}\`: ${b.status === 'ok' ? 'resolved' : b.status}${b.file ? ` (${b.file})` : ''}`);
  }
  lines.push('', info.amp.on ? '**AMP is on** in the effective config:' : 'AMP is off in the effective config.');
  for (const s of info.amp.sources) lines.push(`- \`${s.label}\` (${s.dtype}) at ${where(s, roots)}`);
  return lines.join('\n');
}

export function registerConfigHover(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  workspaceOf: () => Workspace | undefined,
): void {
  connection.onHover((params): Hover | null => {
    const document = documents.get(params.textDocument.uri);
    const uri = URI.parse(params.textDocument.uri);
    if (!document || uri.scheme !== 'file') return null;
    const info = configHoverAt(document.getText(), params.position, { path: uri.fsPath, workspace: workspaceOf() });
    if (!info) return null;
    return {
      range: info.range,
      contents: { kind: MarkupKind.Markdown, value: configHoverMarkdown(info, workspaceOf()?.roots ?? []) },
    };
  });
}
