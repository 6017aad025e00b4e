/** Renders findings as GitHub Actions workflow commands, which the runner shows as annotations on the diff. */
import { ruleByCode, type Finding } from '../analysis/index';
import { displayPath } from './files';
import type { FileFindings } from './sarif';
import { placeOf } from './text';
import { NOT_CHECKED_CODE, NOT_CHECKED_NAME } from './not-checked';

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escaping of a command's message, as the runner decodes it. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values additionally escape the separators `:` and `,`. */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toGithub(results: FileFindings[]): string {
  const lines: string[] = [];
  for (const { file, findings } of results) {
    const shown = displayPath(file);
    for (const f of findings) {
      const name = f.code === NOT_CHECKED_CODE ? NOT_CHECKED_NAME : ruleByCode(f.code)?.name;
      // A notebook's lines are not lines of its JSON file: the annotation goes on the file, the message names the cell.
      const lineProps =
        f.cell === undefined
          ? [
              `line=${f.range.start.line + 1}`,
              `col=${f.range.start.character + 1}`,
              `endLine=${f.range.end.line + 1}`,
              `endColumn=${f.range.end.character + 1}`,
            ]
          : [];
      const props = [
        `file=${escapeProperty(shown)}`,
        ...lineProps,
        `title=${escapeProperty(name ? `${f.code} ${name}` : f.code)}`,
      ];
      lines.push(`::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(`${placeOf(shown, f)}: ${f.code} ${f.message}`)}`);
    }
  }
  return lines.join('\n');
}
