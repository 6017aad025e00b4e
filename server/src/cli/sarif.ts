/** Renders findings as one SARIF 2.1.0 run. */
import type * as Sarif from 'sarif';
import { ruleDocUrl, rules, type Finding, type Range } from '../analysis/index';
import { displayPath } from './files';
import { NOT_CHECKED_CODE, NOT_CHECKED_NAME, NOT_CHECKED_SUMMARY, NOT_CHECKED_URL } from './not-checked';
import type { ReportedFinding } from './task';

export interface FileFindings {
  file: string;
  findings: ReportedFinding[];
}

/** In a notebook, the cell a region belongs to: SARIF regions count lines in the cell, the property says which. */
const inCell = (cell: number | undefined) => (cell === undefined ? {} : { properties: { cell } });

const LEVEL: Record<Finding['severity'], Sarif.Result.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function toSarif(results: FileFindings[], version: string): Sarif.Log {
  const sarifResults: Sarif.Result[] = [];
  for (const { file, findings } of results) {
    const uri = displayPath(file);
    for (const f of findings) {
      const fixes = [...f.fixes].sort((a, b) => Number(b.preferred) - Number(a.preferred));
      sarifResults.push({
        ruleId: f.code,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(f.range) }, ...inCell(f.cell) }],
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((r, i) => ({
                id: i,
                message: { text: r.message },
                physicalLocation: { artifactLocation: { uri: r.file ? displayPath(r.file) : uri }, region: region(r.range) },
                ...inCell(r.cell),
              })),
            }
          : {}),
        ...(fixes.length
          ? {
              fixes: fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation: { uri },
                    replacements: fix.edits.map((e) => ({
                      deletedRegion: region(e.range),
                      insertedContent: { text: e.newText },
                      ...inCell(e.cell),
                    })),
                  },
                ],
              })),
            }
          : {}),
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dtype-guard',
            version,
            informationUri: 'https://github.com/dtype-guard/dtype-guard',
            rules: [
              {
                id: NOT_CHECKED_CODE,
                name: NOT_CHECKED_NAME,
                shortDescription: { text: NOT_CHECKED_SUMMARY },
                helpUri: NOT_CHECKED_URL,
                defaultConfiguration: { level: 'error' as const },
              },
              ...rules.map((r) => ({
                id: r.code,
                name: r.name,
                shortDescription: { text: r.summary },
                helpUri: ruleDocUrl(r.code),
                defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              })),
            ],
          },
        },
        results: sarifResults,
      },
    ],
  };
}
