// Reads and checks the triage file: one verdict per finding (repo, file, line, rule), sorted.

export const VERDICTS = ['tp', 'fp', 'unclear'];
const FIELDS = ['repo', 'file', 'line', 'rule', 'verdict', 'reason', 'limit'];
const REQUIRED = FIELDS.slice(0, 6);

/** The identity of a finding: the trees are pinned, so the line is exact. */
export const keyOf = (f) => `${f.repo}\n${f.file}\n${f.line}\n${f.rule}`;

/** Orders findings by repository, file, line, then rule (code-point order, not the locale's). */
export function compareFindings(a, b) {
  for (const k of ['repo', 'file']) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

const oneLine = (v) => typeof v === 'string' && v.trim() !== '' && !/[\r\n]/.test(v);

function entryProblems(e, knownRepos) {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return ['is not an object'];
  const out = [];
  for (const k of Object.keys(e)) if (!FIELDS.includes(k)) out.push(`unknown field "${k}"`);
  for (const k of REQUIRED) if (!(k in e)) out.push(`missing "${k}"`);
  if (out.length) return out;
  if (typeof e.repo !== 'string' || (knownRepos && !knownRepos.includes(e.repo))) {
    out.push(`repo "${e.repo}" is not in repos.txt`);
  }
  if (typeof e.file !== 'string' || !e.file || /^(\/|\.\/)|\\/.test(e.file)) {
    out.push(`file "${e.file}" must be relative to the repository folder, with "/"`);
  }
  if (!Number.isInteger(e.line) || e.line < 1) out.push(`line ${JSON.stringify(e.line)} must be a 1-based integer`);
  if (typeof e.rule !== 'string' || !/^DG\d{3}$/.test(e.rule)) out.push(`rule "${e.rule}" is not a code such as DG101`);
  if (!VERDICTS.includes(e.verdict)) out.push(`verdict "${e.verdict}" is not one of ${VERDICTS.join(', ')}`);
  if (!oneLine(e.reason)) out.push('reason must be one non-empty line');
  if ('limit' in e) {
    if (e.verdict !== 'fp') out.push('only a false finding (verdict "fp") can be accepted as a limit');
    if (!oneLine(e.limit)) out.push('limit must be one non-empty line');
  }
  return out;
}

/**
 * Parses the triage file's text. Returns `{ entries, problems }`; `problems` lists every entry that
 * is malformed, out of order or a duplicate, each with its index and location.
 */
export function parseTriage(text, knownRepos) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { entries: [], problems: [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  if (!Array.isArray(data)) return { entries: [], problems: ['the top level must be an array of findings'] };
  const problems = [];
  const seen = new Map();
  data.forEach((e, i) => {
    const where = e && typeof e === 'object' ? ` (${e.repo} ${e.file}:${e.line} ${e.rule})` : '';
    for (const p of entryProblems(e, knownRepos)) problems.push(`entry ${i}${where}: ${p}`);
    if (!e || typeof e !== 'object') return;
    const key = keyOf(e);
    if (seen.has(key)) problems.push(`entry ${i}${where}: the same finding as entry ${seen.get(key)}`);
    else seen.set(key, i);
    if (i > 0 && data[i - 1] && typeof data[i - 1] === 'object' && compareFindings(data[i - 1], e) > 0) {
      problems.push(`entry ${i}${where}: out of order (keep the list sorted by repo, file, line, rule)`);
    }
  });
  return { entries: problems.length ? [] : data, problems };
}

/** The triage file's text for these entries: sorted, fields in a fixed order, one field a line. */
export function formatTriage(entries) {
  const rows = [...entries]
    .sort(compareFindings)
    .map((e) => Object.fromEntries(FIELDS.filter((k) => k in e).map((k) => [k, e[k]])));
  return JSON.stringify(rows, null, 2) + '\n';
}
