// Compares one run's findings with the triage: what fails the check, what is only reported, and
// precision (tp / (tp + fp) over the findings that fire) per rule, rule family and repository.
import { compareFindings, keyOf } from './triage.mjs';

/** `code` for DG1xx, `config` for DG2xx, `other` for any later family. */
export const familyOf = (rule) => (rule.startsWith('DG1') ? 'code' : rule.startsWith('DG2') ? 'config' : 'other');

const emptyTally = () => ({ tp: 0, fp: 0, limit: 0, unclear: 0, untriaged: 0, precision: null });

function add(tally, row) {
  if (!row.verdict) tally.untriaged++;
  else tally[row.verdict]++;
  // A false finding accepted as a limit is still false: it counts in fp, and on its own in limit.
  if (row.limit) tally.limit++;
  tally.precision = tally.tp + tally.fp ? tally.tp / (tally.tp + tally.fp) : null;
}

function tallyBy(rows, keyFn, keys = []) {
  const out = Object.fromEntries(keys.map((k) => [k, emptyTally()]));
  for (const row of rows) add((out[keyFn(row)] ??= emptyTally()), row);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Compares `findings` (`{ repo, file, line, rule, message }`, as reported) with `triage` (the
 * entries of expected.json). A finding matches the entry with the same repo, file, rule and line;
 * several findings with one key count once. Returns the failures (untriaged findings, false ones
 * still firing, true ones lost), what is only reported (limits still firing, false ones fixed,
 * unclear ones gone), every firing row, and the tallies (`repos` names the repositories that
 * were run, so that one without findings still has a row).
 */
export function compareRun(triage, findings, repos = []) {
  const entries = new Map(triage.map((e) => [keyOf(e), e]));
  const fired = new Map();
  for (const f of findings) if (!fired.has(keyOf(f))) fired.set(keyOf(f), f);

  const firing = [...fired.values()]
    .map((f) => {
      const e = entries.get(keyOf(f));
      return e ? { ...e, message: f.message } : { repo: f.repo, file: f.file, line: f.line, rule: f.rule, message: f.message };
    })
    .sort(compareFindings);
  const silent = triage.filter((e) => !fired.has(keyOf(e))).sort(compareFindings);

  const failures = {
    untriaged: firing.filter((r) => !r.verdict),
    falseStillFiring: firing.filter((r) => r.verdict === 'fp' && !r.limit),
    trueLost: silent.filter((e) => e.verdict === 'tp'),
  };
  return {
    ok: !failures.untriaged.length && !failures.falseStillFiring.length && !failures.trueLost.length,
    failures,
    limits: firing.filter((r) => r.verdict === 'fp' && r.limit),
    falseFixed: silent.filter((e) => e.verdict === 'fp'),
    unclearGone: silent.filter((e) => e.verdict === 'unclear'),
    firing,
    tally: {
      total: tallyBy(firing, () => 'all').all ?? emptyTally(),
      families: tallyBy(firing, (r) => familyOf(r.rule), ['code', 'config']),
      rules: tallyBy(firing, (r) => r.rule),
      repos: tallyBy(firing, (r) => r.repo, repos),
    },
  };
}
