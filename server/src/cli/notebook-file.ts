/**
 * Reads a Jupyter notebook file (`.ipynb`, nbformat 4) into its Python code cells, and writes new
 * cell sources back into the file's own JSON text, so that everything else (indentation, key order,
 * the trailing newline, metadata, outputs) stays byte for byte.
 */
import { parseTree, type Node } from 'jsonc-parser';
import type { CodeCell } from '../analysis/index';

export const NOTEBOOK_EXTENSION = '.ipynb';

export const isNotebookPath = (file: string): boolean => file.toLowerCase().endsWith(NOTEBOOK_EXTENSION);

export type NotebookRead = { cells: CodeCell[] } | { notPython: string } | { malformed: string };

interface RawCell {
  cell_type?: unknown;
  source?: unknown;
  metadata?: { vscode?: { languageId?: unknown } };
}

/** Where a JSON.parse error happened, as `line L, column C` (its message gives a character offset). */
function whereInJson(message: string, text: string): string {
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const offset = Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/\s*(?:in JSON )?at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** The language a notebook declares, when it declares one. */
function notebookLanguage(metadata: unknown): string | undefined {
  const m = (metadata ?? {}) as { language_info?: { name?: unknown }; kernelspec?: { language?: unknown } };
  const name = m.language_info?.name ?? m.kernelspec?.language;
  return typeof name === 'string' ? name.toLowerCase() : undefined;
}

export function readNotebook(text: string): NotebookRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { malformed: `not valid JSON (${whereInJson(error instanceof Error ? error.message : String(error), text)})` };
  }
  const root = data as { cells?: unknown; metadata?: unknown } | null;
  if (!root || typeof root !== 'object' || Array.isArray(root))
    return { malformed: 'not a notebook (the JSON is not an object)' };
  if (!Array.isArray(root.cells)) return { malformed: 'not a notebook (no "cells" list; nbformat 4 is read)' };
  const language = notebookLanguage(root.metadata);
  if (language && language !== 'python') return { notPython: `a ${language} notebook` };
  const cells: CodeCell[] = [];
  for (const [index, raw] of (root.cells as RawCell[]).entries()) {
    if (!raw || typeof raw !== 'object') return { malformed: `cell ${index + 1} is not an object` };
    if (raw.cell_type !== 'code') continue;
    const source = sourceText(raw.source);
    if (source === undefined) return { malformed: `cell ${index + 1} has no source text` };
    // VS Code records a cell's language when it differs from the notebook's.
    const cellLanguage = raw.metadata?.vscode?.languageId;
    if (typeof cellLanguage === 'string' && cellLanguage !== 'python') continue;
    cells.push({ index, source });
  }
  return { cells };
}

/** nbformat stores a source as one string or as a list of lines (each with its `\n`). */
function sourceText(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return undefined;
}

/** A source as nbformat's list of lines: every line keeps its line break, the last has none. */
function sourceLines(source: string): string[] {
  return source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The whitespace that starts the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The new value's JSON, written in the layout of the value it replaces. */
function render(text: string, old: Node, source: string): string {
  if (old.type === 'string') return JSON.stringify(source);
  const items = sourceLines(source).map((line) => JSON.stringify(line));
  if (!items.length) return '[]';
  const first = old.children?.[0];
  const inner = text.slice(old.offset + 1, first ? first.offset : old.offset + old.length - 1);
  if (first && !inner.includes('\n')) return `[${items.join(', ')}]`; // the list was written on one line
  const closeIndent = indentAt(text, old.offset);
  // An empty list gives no indentation to copy: one more level than the key, in the file's own unit.
  const itemIndent = first ? indentAt(text, first.offset) : closeIndent + (indentUnit(text) || ' ');
  return `[\n${items.map((item) => itemIndent + item).join(',\n')}\n${closeIndent}]`;
}

/** The indentation of the first nested line (Jupyter writes one space; other tools two or four). */
function indentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '';
}

/** The notebook's text with the sources of the given cells (by cell index) replaced; nothing else changes. */
export function writeNotebook(text: string, sources: Map<number, string>): string {
  const tree = parseTree(text, [], { disallowComments: true });
  const cellsNode = tree?.children?.find((p) => p.children?.[0]?.value === 'cells')?.children?.[1];
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const [index, source] of sources) {
    const cell = cellsNode?.children?.[index];
    const value = cell?.children?.find((p) => p.children?.[0]?.value === 'source')?.children?.[1];
    if (!value) throw new Error(`cell ${index + 1} of the notebook has no source to rewrite`);
    replacements.push({ start: value.offset, end: value.offset + value.length, text: render(text, value, source) });
  }
  replacements.sort((a, b) => b.start - a.start);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}
