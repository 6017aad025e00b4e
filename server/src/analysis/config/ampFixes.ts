/**
 * Fixes that turn AMP off in a config. Every fix is checked by re-resolving the config with the fix
 * applied: one that would not take effect under mmengine's merge rules is not offered.
 */
import { applyEdits } from '../edits';
import { parseSyntax } from '../pieces';
import { rangeOf, walkAll } from '../nodeHelpers';
import type { Fix, Position, Range, TextEdit } from '../types';
import { ampSources, type AmpForm, type AmpSource } from './amp';
import { effectiveConfig } from './effective';
import type { ConfigState } from './state';
import { renderValue, typeName, valueAt, type ConfigValue, type DictValue } from './values';
import { overlayWorkspace } from '../fileAccess';

/** Keys the AMP variant accepts and its plain replacement does not (they must go with the type). */
const AMP_ONLY: Partial<Record<AmpForm, string[]>> = {
  'amp-optim-wrapper': ['loss_scale', 'dtype', 'use_fsdp'],
  'apex-optim-wrapper': [
    'opt_level',
    'loss_scale',
    'enabled',
    'cast_model_type',
    'patch_torch_functions',
    'keep_batchnorm_fp32',
    'master_weights',
    'cast_model_outputs',
    'num_losses',
    'verbosity',
    'min_loss_scale',
    'max_loss_scale',
  ],
  'fp16-hook': ['loss_scale'],
};

const PLAIN_TYPE: Record<string, string> = {
  AmpOptimWrapper: 'OptimWrapper',
  ApexOptimWrapper: 'OptimWrapper',
  Fp16OptimizerHook: 'OptimizerHook',
  GradientCumulativeFp16OptimizerHook: 'GradientCumulativeOptimizerHook',
};

/** The fixes for an AMP source written in this file (DG201), preferred first. */
export function localFixes(source: AmpSource, state: ConfigState, text: string): Fix[] {
  const origin = source.value.origin;
  const candidates: Fix[] = [];
  if (source.form === 'fp16-dict') {
    const newText = withComments(text, origin.range, 'fp16 = None');
    candidates.push(fix('Turn fp16 off: fp16 = None', [{ range: origin.range, newText }]));
  } else if (source.form === 'loop-fp16' || source.form === 'deepspeed') {
    candidates.push(
      fix(`Turn it off: ${source.keys[source.keys.length - 1]}=False`, [{ range: origin.valueRange, newText: 'False' }]),
    );
  } else {
    const edits = typeEdits(source, state, text);
    const name = typeName(source.value)!;
    if (edits) candidates.push(fix(`Use ${PLAIN_TYPE[name]} instead of ${name}`, edits));
  }
  return candidates.filter((f) => turnsOff(f, state, text, (s) => sameSource(s, source)));
}

function typeEdits(source: AmpSource, state: ConfigState, text: string): TextEdit[] | undefined {
  const name = typeName(source.value)!;
  const plain = PLAIN_TYPE[name];
  if (!plain) return undefined;
  const edits: TextEdit[] = [];
  if (source.value.kind === 'class') {
    edits.push({ range: source.value.origin.valueRange, newText: plain });
    const importEdit = importAfter(text, name, source.value.name, plain);
    if (!importEdit) return undefined;
    edits.push(importEdit);
  } else {
    edits.push({ range: source.value.origin.valueRange, newText: `'${plain}'` });
  }
  const parent = valueAt(state.config.values, source.keys.slice(0, -1));
  const deletions: Range[] = [];
  for (const key of AMP_ONLY[source.form] ?? []) {
    const entry = valueAt(parent, [key]);
    if (!entry) continue;
    // an AMP-only key set in another file cannot be removed from here: no fix of this kind
    if (entry.origin.file !== state.file || !entry.origin.deleteRange) return undefined;
    deletions.push(entry.origin.deleteRange);
  }
  return [...edits, ...union(deletions).map((range) => ({ range, newText: '' }))];
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Neighbouring deletions share a comma: joined into one range so that no edit overlaps another. */
function union(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => (before(a.start, b.start) ? -1 : 1));
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && !before(last.end, r.start)) {
      if (before(last.end, r.end)) last.end = r.end;
    } else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** Adds `from <module> import <plain>` after the line importing the AMP class (lazy-import configs). */
function importAfter(text: string, local: string, qualified: string, plain: string): TextEdit | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s*from\s+\S+\s+import\b/.test(l) && new RegExp(`\\b${local}\\b`).test(l));
  if (at < 0 || lines[at]!.includes('(')) return undefined;
  const module = qualified.split('.').slice(0, -1).join('.');
  const position = { line: at + 1, character: 0 };
  return { range: { start: position, end: position }, newText: `from ${module} import ${plain}\n` };
}

/** The DG202 fix: override lines after `_base_` that turn off every inherited AMP source. */
export function overrideFix(inherited: AmpSource[], state: ConfigState, text: string): Fix | undefined {
  const declaration = state.config.declaration;
  if (!declaration || !inherited.length) return undefined;
  const lines: string[] = [];
  let after: Range = declaration.statement;
  for (const source of inherited) {
    const line = overrideLine(source, state);
    if (!line) return undefined;
    if (!lines.includes(line)) lines.push(line);
    // an assignment of the same key later in this file would replace the override: go after it
    for (const statement of state.config.statements.get(source.keys[0]!) ?? []) {
      if (statement.end.line > after.end.line) after = statement;
    }
  }
  const lineCount = text.split('\n').length;
  const insertLine = after.end.line + 1;
  const edit: TextEdit =
    insertLine < lineCount
      ? {
          range: { start: { line: insertLine, character: 0 }, end: { line: insertLine, character: 0 } },
          newText: lines.join('\n') + '\n',
        }
      : { range: { start: after.end, end: after.end }, newText: '\n' + lines.join('\n') };
  const candidate = fix(`Turn off the inherited AMP here: ${lines.join('; ')}`, [edit]);
  return turnsOff(candidate, state, text, (s) => s.value.origin.file !== state.file) ? candidate : undefined;
}

function overrideLine(source: AmpSource, state: ConfigState): string | undefined {
  if (source.keys.length === 1) return `${source.keys[0]} = None`;
  if (state.config.declaration?.lazy) return undefined;
  const leaf = source.keys[source.keys.length - 1]!;
  const parentKeys = source.keys.slice(0, -1);
  const name = typeName(source.value);
  const newLeaf = leaf === 'type' ? `'${PLAIN_TYPE[name ?? ''] ?? ''}'` : 'False';
  if (newLeaf === "''") return undefined;
  const parent = valueAt(state.config.values, parentKeys);
  if (parent?.kind !== 'dict') return undefined;
  const drop = (AMP_ONLY[source.form] ?? []).filter((k) => parent.entries.has(k));
  let inner: string | undefined;
  if (!drop.length) inner = `dict(${leaf}=${newLeaf})`;
  else inner = replacement(parent, leaf, newLeaf, drop);
  if (!inner) return undefined;
  for (let i = parentKeys.length - 1; i >= 1; i--) inner = `dict(${parentKeys[i]}=${inner})`;
  return `${parentKeys[0]} = ${inner}`;
}

/** `dict(_delete_=True, ...)`: the inherited dict rewritten without its AMP-only keys, if all of it is literal. */
function replacement(parent: DictValue, leaf: string, newLeaf: string, drop: string[]): string | undefined {
  const parts = ['_delete_=True'];
  for (const [key, value] of parent.entries) {
    if (drop.includes(key)) continue;
    const text = key === leaf ? newLeaf : renderValue(value);
    if (text === undefined) return undefined;
    parts.push(`${key}=${text}`);
  }
  return `dict(${parts.join(', ')})`;
}

function fix(title: string, edits: TextEdit[]): Fix {
  // turning AMP off changes how training runs, so no config fix is applied by "fix all"
  return { title, edits, preferred: false, safe: false };
}

function sameSource(a: AmpSource, b: AmpSource): boolean {
  return a.form === b.form && a.keys.join('.') === b.keys.join('.');
}

/** Applies the fix in memory and re-resolves: the sources `gone` selects are off, nothing new breaks. */
export function turnsOff(candidate: Fix, state: ConfigState, text: string, gone: (s: AmpSource) => boolean): boolean {
  const fixed = applyEdits(text, candidate.edits);
  const workspace = overlayWorkspace(state.workspace, state.file, fixed);
  const after = effectiveConfig(state.file, fixed, workspace, { store: false, session: state.session });
  if (ampSources(after.values).some(gone)) return false;
  if (after.problems.length > state.config.problems.length) return false;
  return !leftover(after.values);
}

/** A plain wrapper or hook left with an argument only its AMP variant accepts (a TypeError at build). */
export function leftover(values: DictValue): boolean {
  const check = (dict: ConfigValue | undefined, plain: string[], keys: string[]) =>
    dict?.kind === 'dict' && plain.includes(typeName(dict.entries.get('type')) ?? '') && keys.some((k) => dict.entries.has(k));
  return (
    check(values.entries.get('optim_wrapper'), ['OptimWrapper'], ['loss_scale', 'dtype', 'opt_level']) ||
    check(values.entries.get('optimizer_config'), ['OptimizerHook', 'GradientCumulativeOptimizerHook'], ['loss_scale']) ||
    check(valueAt(values, ['default_hooks', 'optimizer']), ['OptimizerHook'], ['loss_scale'])
  );
}

/** `newText` followed by the comments of the text it replaces, so that no comment is lost. */
function withComments(text: string, range: Range, newText: string): string {
  const root = parseSyntax(text);
  const comments: string[] = [];
  walkAll(root, (node) => {
    if (node.type !== 'comment') return;
    const r = rangeOf(node);
    if (!before(r.start, range.start) && !before(range.end, r.end)) comments.push(node.text);
  });
  return comments.length ? `${newText}  ${comments.join(' ')}` : newText;
}
