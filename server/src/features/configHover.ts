/** Hover on config files: the effective AMP state, where the hovered value comes from, what a `type=` builds. */
import path from 'node:path';
import type { Position, Range } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { configHoverAt, type ConfigHoverInfo, type Place, type Workspace } from '../analysis/index';
import type { DocumentStore } from './documents';

/** `file:line` relative to the first workspace root that holds it, linked. */
function where(place: Place, roots: string[]): string {
  const root = roots.find((r) => !path.relative(r, place.file).startsWith('..'));
  const shown = root ? path.relative(root, place.file) : path.basename(place.file);
  const line = place.range.start.line + 1;
  return `[${shown.split(path.sep).join('/')}:${line}](${URI.file(place.file).toString()}#L${line})`;
}

/** The markdown of a config hover. */
export function configHoverMarkdown(info: ConfigHoverInfo, roots: string[]): string {
  const lines: string[] = [];
  if (info.key) {
    lines.push(`**${info.key.path}** = \`${info.key.value ?? '(not set)'}\``);
    if (info.key.from) lines.push(`set in ${where(info.key.from, roots)}`);
  }
  if (info.type) {
    const t = info.type;
    const others = t.alternatives ? ` (${t.alternatives} other registration${t.alternatives > 1 ? 's' : ''})` : '';
    lines.push(
      t.resolved
        ? `**type='${t.name}'** → class \`${t.resolved.className}\` (${t.resolved.registry}) in ${where(t.resolved, roots)}${others}`
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

/** The config part of a hover, for the hover feature to append. */
export function configHover(
  documents: DocumentStore,
  workspaceOf: () => Workspace | undefined,
): (uri: string, position: Position) => { value: string; range: Range } | undefined {
  return (uri, position) => {
    const open = documents.get(uri);
    const parsed = URI.parse(uri);
    if (!open || parsed.scheme !== 'file') return undefined;
    const workspace = workspaceOf();
    const info = configHoverAt(open.source.text, position, { path: parsed.fsPath, workspace });
    return info && { value: configHoverMarkdown(info, workspace?.roots ?? []), range: info.range };
  };
}
