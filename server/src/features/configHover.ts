/**
 * Configs that explain themselves: on an OpenMMLab config, the hover tells whether AMP is on and
 * why, where a value was written, the `_base_` chain, and the class a `type='…'` builds (with the
 * calls in it that break under AMP); go to definition jumps to that class or base file.
 */
import path from 'node:path';
import type { Connection, Location } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { configDefinitionAt, configHoverAt, type ConfigHoverInfo, type ConfigQuery, type Place } from '../analysis/index';
import type { DocumentStore } from './documents';
import type { SettingsStore } from './fileSettings';
import type { ServerWorkspace } from './workspaceFiles';

const STATUS: Record<string, string> = {
  ok: '',
  missing: ' — not found',
  outside: ' — outside the workspace folders, not read',
  cycle: ' — cycle: this file is already in the chain',
  'unresolved-package': ' — package not found in the workspace or site-packages',
  'too-deep': ' — chain too deep, not followed',
};

const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

/** `[name.py:12](file:///…#L12)` for a place (ranges are 0-based, links 1-based). */
function link(place: Place): string {
  const line = place.range.start.line + 1;
  return `[${path.basename(place.file)}:${line}](${URI.file(place.file).toString()}#L${line})`;
}

export function renderConfigHover(info: ConfigHoverInfo): string {
  const out: string[] = [];
  if (info.subject === 'key' && info.key) {
    out.push(`**${code(info.key.path)}**${info.key.value !== undefined ? ` = ${code(info.key.value)}` : ''}`);
    if (info.key.from) out.push('', `Written in ${link(info.key.from)}.`);
  }
  if (info.subject === 'base' && info.bases) {
    out.push('**`_base_` chain**', '');
    for (const base of info.bases) {
      const target =
        base.file && base.status === 'ok' ? ` → [${path.basename(base.file)}](${URI.file(base.file).toString()})` : '';
      out.push(`- ${code(base.text)}${target}${STATUS[base.status] ?? ` — ${base.status}`}`);
    }
  }
  if (info.subject === 'type' && info.type) {
    const t = info.type;
    if (t.resolved) {
      out.push(`**${code(t.name)}** builds class ${code(t.resolved.className)} (${t.resolved.registry}), ${link(t.resolved)}`);
      if (t.alternatives)
        out.push('', `${t.alternatives} other registration${t.alternatives === 1 ? '' : 's'} of this name in the workspace.`);
    } else {
      out.push(`**${code(t.name)}**: no registered class of this name in the workspace.`);
    }
    if (t.autocast.length) {
      out.push('', 'Breaks under AMP (autocast):');
      for (const r of t.autocast) out.push(`- ${r.code} ${link(r)} in ${r.path.map(code).join(' → ')}: ${r.message}`);
    }
    if (t.halfOnly.length) {
      out.push('', 'Breaks only under `model.half()` (a deployment risk, not an AMP one):');
      for (const r of t.halfOnly) out.push(`- ${r.code} ${link(r)} in ${r.path.map(code).join(' → ')}`);
    }
  }
  out.push('', info.amp.on ? '**AMP is on** for this config:' : 'AMP is off for this config.');
  for (const source of info.amp.sources) out.push(`- ${source.sentence} (${link(source)})`);
  return out.join('\n');
}

/** The file path, text and workspace a config query needs, for an open document. */
export async function configQuery(
  uri: string,
  documents: DocumentStore,
  settings: SettingsStore,
  workspace: ServerWorkspace,
): Promise<{ text: string; query: ConfigQuery } | undefined> {
  const open = documents.get(uri);
  const parsed = URI.parse(uri);
  if (!open || parsed.scheme !== 'file') return undefined;
  const { configGlobs, enable } = await settings.forUri(uri);
  if (!enable) return undefined;
  return {
    text: open.document.getText(),
    query: { path: parsed.fsPath, workspace: workspace.get(configGlobs), session: workspace.session },
  };
}

export function configHover(text: string, position: { line: number; character: number }, query: ConfigQuery) {
  const info = configHoverAt(text, position, query);
  return info && { markdown: renderConfigHover(info), range: info.range };
}

export function registerDefinition(
  connection: Connection,
  documents: DocumentStore,
  settings: SettingsStore,
  workspace: ServerWorkspace,
): void {
  connection.onDefinition(async (params): Promise<Location | null> => {
    const input = await configQuery(params.textDocument.uri, documents, settings, workspace);
    if (!input) return null;
    const place = configDefinitionAt(input.text, params.position, input.query);
    return place ? { uri: URI.file(place.file).toString(), range: place.range } : null;
  });
}
