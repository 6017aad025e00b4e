// Prints the comparison as text: failures first, then what is only reported, then precision tables.

const where = (r) => `${r.repo.split('/')[1]}/${r.file}:${r.line} ${r.rule}`;
const pct = (p) => (p === null ? 'n/a' : p.toFixed(2));

function section(lines, label, title, rows, detail) {
  // A failure kind always shows (as ok when empty); a note only when it has rows.
  if (!rows.length && label === 'note') return;
  lines.push(`${rows.length ? label : 'ok  '} ${title} (${rows.length})`);
  for (const r of rows) lines.push(`  ${where(r)}  ${detail(r)}`);
}

function table(lines, heading, rows) {
  const head = [heading, 'tp', 'fp', 'limit', 'unclear', 'untriaged', 'precision'];
  const body = rows.map(([name, t]) => [name, t.tp, t.fp, t.limit, t.unclear, t.untriaged, pct(t.precision)].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  for (const r of [head, ...body])
    lines.push('  ' + r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
}

/** The text report for `result` (from compareRun) over `repos` checked under `root`. */
export function formatReport(result, { root, repos }) {
  const { failures, tally } = result;
  const lines = [`ecosystem: ${repos.length} repositories under ${root}, ${result.firing.length} findings`, ''];
  section(lines, 'FAIL', 'findings nobody triaged', failures.untriaged, (r) => r.message);
  section(lines, 'FAIL', 'triaged false, still reported', failures.falseStillFiring, (r) => r.reason);
  section(lines, 'FAIL', 'triaged true, no longer reported', failures.trueLost, (r) => r.reason);
  section(lines, 'note', 'false, accepted as known limits', result.limits, (r) => r.limit);
  section(lines, 'note', 'triaged false, no longer reported (fixed)', result.falseFixed, (r) => r.reason);
  section(lines, 'note', 'triaged unclear, no longer reported', result.unclearGone, (r) => r.reason);
  lines.push('', 'precision = tp / (tp + fp) over the findings that fire; limit is counted in fp too');
  table(lines, 'rule', Object.entries(tally.rules));
  lines.push('');
  table(lines, 'rules', [
    ['code (DG1xx)', tally.families.code],
    ['config (DG2xx)', tally.families.config],
    ['all', tally.total],
  ]);
  lines.push('');
  table(lines, 'repository', Object.entries(tally.repos));
  const n = failures.untriaged.length + failures.falseStillFiring.length + failures.trueLost.length;
  lines.push(
    '',
    result.ok
      ? 'ecosystem: ok'
      : `ecosystem: FAIL (${failures.untriaged.length} untriaged, ${failures.falseStillFiring.length} false still reported, ` +
          `${failures.trueLost.length} true lost; ${n} in all)`,
  );
  return lines.join('\n') + '\n';
}
