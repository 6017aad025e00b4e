/**
 * Checks one Jupyter notebook: its code cells analysed as one module, findings placed in their
 * cells, fixes applied to the cells' sources and written back into the notebook's own JSON.
 */
import {
  analyze,
  applyCellEdits,
  mayHaveFindingsFor,
  nonOverlapping,
  NotebookModule,
  type AnalyzeOptions,
  type CodeCell,
  type Finding,
  type Fix,
} from '../analysis/index';
import { readNotebook, writeNotebook } from './notebook-file';
import { notChecked } from './not-checked';
import type { FileResult, FileTask, ReportedFinding } from './task';
import { fixable, MAX_FIX_PASSES, writeBack } from './write-back';

/** A finding of the module as reported: every range within its cell, `cell` counted from 1. */
function inCells(module: NotebookModule, finding: Finding): ReportedFinding {
  const at = module.toCell(finding.range);
  const fixes = finding.fixes.flatMap((fix) => {
    const edits = module.editsToCells(fix.edits);
    // A fix whose edit would cross from one cell into the next is not offered.
    if (!edits) return [];
    return [{ ...fix, edits: edits.map((e) => ({ range: e.range, newText: e.newText, cell: e.cell + 1 })) }];
  });
  const related = finding.related?.map((r) => {
    if (r.file) return r;
    const place = module.toCell(r.range);
    return { ...r, message: module.relabelLines(r.message), range: place.range, cell: place.cell + 1 };
  });
  const message = module.relabelLines(finding.message);
  return { ...finding, message, range: at.range, cell: at.cell + 1, fixes, ...(related ? { related } : {}) };
}

export function checkNotebook(
  task: FileTask,
  json: string,
  bom: boolean,
  options: AnalyzeOptions,
  result: FileResult,
): FileResult {
  const mark = bom ? '\ufeff' : '';
  // stdin with --fix: the notebook comes out even when it is not checked, so a pipe never loses it.
  if (task.fix && task.stdin !== undefined) result.output = mark + json;
  const read = readNotebook(json);
  if ('malformed' in read) return { ...result, findings: [notChecked(`not a valid notebook: ${read.malformed}`)] };
  if ('notPython' in read) return { ...result, skipped: read.notPython };
  let cells: CodeCell[] = read.cells;
  let module = new NotebookModule(cells);
  if (module.text.length > task.maxFileSize) return { ...result, skipped: `code cells larger than ${task.maxFileSize} bytes` };
  result.parsed = mayHaveFindingsFor(module.text, options);
  let findings = result.parsed ? analyze(module.text, { ...options, prefilter: false }) : [];
  if (task.fix || task.diff) {
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const fixes = findings.map((f) => fixable(f, task.unsafeFixes)).filter((f): f is Fix => !!f);
      const chosen = nonOverlapping(fixes, module.text).flatMap((fix) => {
        const edits = module.editsToCells(fix.edits);
        return edits ? [edits] : [];
      });
      const changed = applyCellEdits(cells, chosen.flat());
      if (!changed.size) break;
      cells = cells.map((cell) => ({ index: cell.index, source: changed.get(cell.index) ?? cell.source }));
      module = new NotebookModule(cells);
      result.fixed += chosen.length;
      findings = analyze(module.text, options);
    }
  }
  result.findings = findings.map((f) => inCells(module, f));
  const sources = new Map<number, string>();
  cells.forEach((cell, i) => cell.source !== read.cells[i]!.source && sources.set(cell.index, cell.source));
  const text = sources.size ? writeNotebook(json, sources) : json;
  if (task.fix && task.stdin !== undefined) result.output = mark + text;
  return writeBack(task, mark + json, mark + text, result, options.session!);
}
