/**
 * What the editor shows on a config: for a position, the effective AMP state, where the hovered
 * value comes from (file:line), the `_base_` chain, and the class a `type='Name'` resolves to.
 * Plain data: the server turns it into markdown (hover) and locations (go to definition).
 */
import type { SyntaxNode as Node } from '../syntax';
import { codeFindingsOf } from '../analyze';
import { rangeOf } from '../nodeHelpers';
import type { Position, Range } from '../types';
import { describeSource } from './amp';
import type { LinkStatus } from './effective';
import { stringText } from './evaluate';
import { registryOf } from './registry';
import { customImportFiles, modelLinks } from './risk';
import { configState, type ConfigState } from './state';
import { describeValue, valueAt } from './values';
import type { Workspace } from '../fileAccess';
import { transientSession, type AnalysisSession } from '../session';

export interface Place {
  file: string;
  range: Range;
}

export interface CallRisk extends Place {
  code: string;
  message: string;
  /** Class names from the registered class to the one holding the call. */
  path: string[];
}

export interface ConfigHoverInfo {
  /** The hovered token. */
  range: Range;
  subject: 'base' | 'key' | 'type';
  amp: { on: boolean; sources: (Place & { label: string; dtype: string; sentence: string })[] };
  /** For a key: its dotted path, effective value and where that value was written. */
  key?: { path: string; value?: string; from?: Place };
  bases?: { text: string; status: LinkStatus; file?: string }[];
  type?: {
    name: string;
    resolved?: Place & { className: string; registry: string };
    /** Other registrations of the same name. */
    alternatives: number;
    autocast: CallRisk[];
    halfOnly: CallRisk[];
  };
}

export interface ConfigQuery {
  path: string;
  workspace?: Workspace;
  /** The session whose caches and parser to use; absent: one for this call. */
  session?: AnalysisSession;
}

/** Hover data for a position in a config file; undefined when the file is not a config or nothing is there. */
export function configHoverAt(source: string, position: Position, query: ConfigQuery): ConfigHoverInfo | undefined {
  const session = query.session ?? transientSession();
  const state = configState({ source, path: query.path, workspace: query.workspace, session });
  if (!state) return undefined;
  const root = session.parseSyntax(source);
  const node = root.descendantForPosition({ row: position.line, column: position.character });
  if (!node) return undefined;
  const amp = ampSummary(state);
  const statement = topStatement(node);
  const declaration = state.config.declaration;
  if (declaration && statement && rangeOf(statement).start.line === declaration.statement.start.line) {
    const bases = state.config.links.map((l) => ({ text: l.ref.text, status: l.status, file: l.file }));
    return { range: rangeOf(node), subject: 'base', amp, bases };
  }
  const str = node.type === 'string' ? node : node.parent?.type === 'string' ? node.parent : null;
  const typeName = str ? typeString(str) : undefined;
  if (str && typeName !== undefined)
    return { range: rangeOf(str), subject: 'type', amp, type: typeInfo(state, str, typeName, query) };
  const keys = keyPath(node);
  if (!keys) return undefined;
  const value = valueAt(state.config.values, keys);
  const key = {
    path: keys.join('.'),
    value: value && describeValue(value),
    from: value && { file: value.origin.file, range: value.origin.range },
  };
  return { range: rangeOf(node), subject: 'key', amp, key };
}

/** Go to definition: a `type='Name'` to its registered class, a `_base_` entry to its file. */
export function configDefinitionAt(source: string, position: Position, query: ConfigQuery): Place | undefined {
  const session = query.session ?? transientSession();
  const info = configHoverAt(source, position, { ...query, session });
  if (info?.type?.resolved) return { file: info.type.resolved.file, range: info.type.resolved.range };
  if (info?.subject === 'base') {
    const hovered = info.range.start;
    const link = configState({ source, path: query.path, workspace: query.workspace, session })?.config.links.find(
      (l) =>
        l.ref.range.start.line === hovered.line &&
        l.ref.range.start.character <= hovered.character &&
        hovered.character <= l.ref.range.end.character,
    );
    if (link?.file && link.status !== 'missing')
      return { file: link.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  return undefined;
}

function ampSummary(state: ConfigState): ConfigHoverInfo['amp'] {
  const sources = state.amp.map((s) => ({
    file: s.value.origin.file,
    range: s.value.origin.range,
    label: s.label,
    dtype: s.dtype,
    sentence: describeSource(s),
  }));
  return { on: sources.length > 0, sources };
}

function topStatement(node: Node): Node | null {
  let n: Node | null = node;
  while (n?.parent && n.parent.type !== 'module') n = n.parent;
  return n;
}

/** The name when `str` is the string of a `type='Name'` (keyword or dict literal). */
function typeString(str: Node): string | undefined {
  const parent = str.parent;
  const key =
    parent?.type === 'keyword_argument'
      ? parent.childForFieldName('name')?.text
      : parent?.type === 'pair'
        ? stringText(parent.childForFieldName('key')!)
        : undefined;
  return key === 'type' ? stringText(str) : undefined;
}

/** The key path of an identifier: a top-level target, an attribute target, or a keyword inside nested dicts. */
function keyPath(node: Node): string[] | undefined {
  if (node.type !== 'identifier') return undefined;
  const keys: string[] = [];
  let n: Node | null = node;
  if (n.parent?.type === 'attribute') {
    // `_base_.optim_wrapper.type = ...`: the path is the attribute chain
    let top: Node = n.parent;
    while (top.parent?.type === 'attribute') top = top.parent;
    const parts = top.text.split('.').filter((p) => p !== '_base_');
    const at = parts.indexOf(node.text);
    return at >= 0 ? parts.slice(0, at + 1) : undefined;
  }
  for (; n; n = n.parent) {
    if (n.type === 'keyword_argument') keys.unshift(n.childForFieldName('name')!.text);
    else if (n.type === 'assignment' && n.parent?.parent?.type === 'module') {
      const left = n.childForFieldName('left');
      if (left?.type !== 'identifier') return undefined;
      keys.unshift(left.text);
      return keys;
    }
  }
  return undefined;
}

function typeInfo(state: ConfigState, node: Node, name: string, query: ConfigQuery): NonNullable<ConfigHoverInfo['type']> {
  const codeFindings = (file: string, text: string) =>
    codeFindingsOf(file, text, { workspace: query.workspace, session: state.session });
  const here = rangeOf(node);
  const link = modelLinks(state, codeFindings).find(
    (l) =>
      l.type.origin.file === state.file &&
      l.type.origin.valueRange.start.line === here.start.line &&
      l.type.origin.valueRange.start.character === here.start.character,
  );
  const preferred = customImportFiles(state);
  const all = registryOf(state.workspace, state.session).lookup(name, (f) => preferred.has(f), state.file);
  const resolved = link?.resolved ?? all[0];
  const risk = (calls: NonNullable<typeof link>['autocast']): CallRisk[] =>
    calls.map((c) => ({
      file: c.file,
      range: c.finding.range,
      code: c.finding.code,
      message: c.finding.message,
      path: c.cls.path,
    }));
  return {
    name,
    resolved: resolved?.range
      ? { file: resolved.file, range: resolved.range, className: resolved.className, registry: resolved.registry }
      : undefined,
    alternatives: Math.max(0, all.length - 1),
    autocast: link ? risk(link.autocast) : [],
    halfOnly: link ? risk(link.halfOnly) : [],
  };
}
