/**
 * A notebook's code cells as one Python module: cells joined in order, IPython magics and shell
 * lines blanked (so every position stays put), and module positions mapped back to a cell.
 * Shared by the CLI (`.ipynb` files) and the language server (notebook documents).
 */
import { applyEdits, lineStarts } from './edits';
import type { Position, Range, TextEdit } from './types';

/** One code cell: its position among all the notebook's cells (0-based) and its source text. */
export interface CodeCell {
  index: number;
  source: string;
}

/** A range inside one cell; `cell` is the cell's position in the notebook (0-based). */
export interface CellRange {
  cell: number;
  range: Range;
}

export interface CellEdit extends CellRange {
  newText: string;
}

/**
 * Cell magics whose body is Python (`%%time` runs the cell and prints how long it took): only
 * their first line is blanked. The body of any other cell magic (`%%bash`, `%%html`, `%%writefile`)
 * is another language or data, and the whole cell is blanked.
 */
const PYTHON_BODY_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

/** A line IPython runs instead of Python: `%magic`, `!shell`, `x = %magic`, `x = !shell`, `obj?` help. */
const MAGIC_LINE = /^\s*(?:[%!]|[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*,?\s*=\s*[%!]|\?+[\w.]+|[\w.]+\?{1,2}\s*$)/;

/** Spaces for every character of a line, so the line reads as blank and its length is kept. */
const blank = (line: string) => ' '.repeat(line.length);

/** Splits a text into lines, each with its line break (the last one without). */
function linesOf(text: string): string[] {
  const starts = lineStarts(text);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

/** The text of the line without its break, and the break. */
function splitBreak(line: string): [string, string] {
  const m = /\r\n|\n|\r$/.exec(line);
  return m ? [line.slice(0, m.index), line.slice(m.index)] : [line, ''];
}

/** A cell's source with its IPython-only lines blanked; same length, same line breaks. */
export function blankMagics(source: string): string {
  const lines = linesOf(source);
  const first = splitBreak(lines[0] ?? '')[0];
  const cellMagic = /^\s*%%(\w+)/.exec(first);
  if (cellMagic && !PYTHON_BODY_CELL_MAGICS.has(cellMagic[1]!)) {
    return lines.map((l) => blank(splitBreak(l)[0]) + splitBreak(l)[1]).join('');
  }
  let continued = false;
  return lines
    .map((line, i) => {
      const [body, eol] = splitBreak(line);
      const magic = continued || (i === 0 && !!cellMagic) || MAGIC_LINE.test(body);
      // A magic or shell line ending in a backslash goes on in the next line.
      continued = magic && body.endsWith('\\');
      return magic ? blank(body) + eol : line;
    })
    .join('');
}

/** The code cells of a notebook read as one module, with the way back from module positions to cells. */
export class NotebookModule {
  /** The module text: blanked cells joined by `\n`. */
  readonly text: string;
  /** The module line at which each code cell starts (parallel to `cells`). */
  private readonly firstLines: number[] = [];
  /** How many lines each code cell has. */
  private readonly lineCounts: number[] = [];

  constructor(readonly cells: readonly CodeCell[]) {
    const parts: string[] = [];
    let line = 0;
    for (const cell of cells) {
      let text = blankMagics(cell.source);
      // A cell ending in a lone `\r` would join the separator into one `\r\n` break: keep it one line break each.
      if (text.endsWith('\r')) text = text.slice(0, -1) + '\n';
      const count = lineStarts(text).length;
      this.firstLines.push(line);
      this.lineCounts.push(count);
      parts.push(text);
      line += count;
    }
    this.text = parts.join('\n');
  }

  /** The position in `cells` of the code cell holding a module line (the last cell for a line past the end). */
  private slotOf(line: number): number {
    let lo = 0;
    let hi = this.firstLines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstLines[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private local(slot: number, pos: Position): Position {
    return { line: pos.line - this.firstLines[slot]!, character: pos.character };
  }

  /** A module range as a range in the cell where it starts; an end in a later cell is clamped to that cell's end. */
  toCell(range: Range): CellRange {
    const slot = this.slotOf(range.start.line);
    const start = this.local(slot, range.start);
    const lastLine = this.lineCounts[slot]! - 1;
    let end = this.local(slot, range.end);
    if (end.line > lastLine) end = { line: lastLine, character: this.lineLength(slot, lastLine) };
    return { cell: this.cells[slot]!.index, range: { start, end } };
  }

  /** An edit as an edit of one cell, or undefined when it would cross from one cell into another. */
  editToCell(edit: TextEdit): CellEdit | undefined {
    const slot = this.slotOf(edit.range.start.line);
    if (this.slotOf(edit.range.end.line) !== slot) return undefined;
    return {
      cell: this.cells[slot]!.index,
      range: { start: this.local(slot, edit.range.start), end: this.local(slot, edit.range.end) },
      newText: edit.newText,
    };
  }

  /** Every edit mapped to its cell, or undefined when one of them crosses cells (such a fix is not offered). */
  editsToCells(edits: readonly TextEdit[]): CellEdit[] | undefined {
    const out: CellEdit[] = [];
    for (const edit of edits) {
      const mapped = this.editToCell(edit);
      if (!mapped) return undefined;
      out.push(mapped);
    }
    return out;
  }

  /**
   * A message with its `line N` references (module lines, counted from 1) told as `cell C, line L`
   * (the cell's 1-based position in the notebook, the line in it), as the notebook shows them.
   */
  relabelLines(message: string): string {
    return message.replace(/\bline (\d+)\b/g, (whole, n: string) => {
      const line = Number(n) - 1;
      const slot = this.slotOf(line);
      if (line < 0 || line >= this.firstLines[slot]! + this.lineCounts[slot]!) return whole;
      return `cell ${this.cells[slot]!.index + 1}, line ${line - this.firstLines[slot]! + 1}`;
    });
  }

  private lineLength(slot: number, line: number): number {
    const source = this.cells[slot]!.source;
    const lines = linesOf(source);
    return splitBreak(lines[line] ?? '')[0].length;
  }
}

/** Applies cell edits to the cells' sources; returns the new source of each cell that changed, by cell index. */
export function applyCellEdits(cells: readonly CodeCell[], edits: readonly CellEdit[]): Map<number, string> {
  const changed = new Map<number, string>();
  for (const cell of cells) {
    const own = edits.filter((e) => e.cell === cell.index);
    if (!own.length) continue;
    const next = applyEdits(cell.source, own);
    if (next !== cell.source) changed.set(cell.index, next);
  }
  return changed;
}
