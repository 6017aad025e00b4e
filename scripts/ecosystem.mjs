#!/usr/bin/env node
// The ecosystem check: runs the built CLI on each pinned tree and compares its findings with the
// triage in test/ecosystem/expected.json. Exit 0 when it agrees, 1 on a failure (a finding nobody
// triaged, a false one still reported, a true one lost), 2 when it cannot run.
//
//   node scripts/ecosystem.mjs [--json] [--repo NAME]...
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareRun } from './ecosystem/compare.mjs';
import { cliPath, ecosystemRoot, reposPath, triagePath } from './ecosystem/paths.mjs';
import { formatReport } from './ecosystem/report.mjs';
import { parseRepos } from './ecosystem/repos.mjs';
import { runCli } from './ecosystem/run-cli.mjs';
import { parseTriage } from './ecosystem/triage.mjs';

const USAGE = 'usage: node scripts/ecosystem.mjs [--json] [--repo NAME]...';

class Stop extends Error {}

function parseArgs(argv) {
  const opts = { json: false, only: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') opts.json = true;
    else if (argv[i] === '--repo' && argv[i + 1]) opts.only.push(argv[++i]);
    else if (argv[i] === '-h' || argv[i] === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else throw new Stop(`unknown argument "${argv[i]}"\n${USAGE}`);
  }
  return opts;
}

function readChecked(file, parse, what) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Stop(`cannot read ${what} ${file}: ${err.message}`);
  }
  const parsed = parse(text);
  if (parsed.problems.length) throw new Stop(`${what} ${file}:\n  ${parsed.problems.join('\n  ')}`);
  return parsed;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { repos: pinned } = readChecked(reposPath, parseRepos, 'repository list');
  const known = pinned.map((r) => r.repo);
  const { entries } = readChecked(triagePath, (text) => parseTriage(text, known), 'triage');
  const unknown = opts.only.filter((o) => !pinned.some((r) => r.name === o || r.repo === o));
  if (unknown.length) throw new Stop(`--repo ${unknown.join(', ')}: not in ${reposPath}`);
  const repos = pinned.filter((r) => !opts.only.length || opts.only.includes(r.name) || opts.only.includes(r.repo));

  if (!existsSync(cliPath)) throw new Stop(`no CLI at ${cliPath} (run npm run build first)`);
  const root = ecosystemRoot();
  if (!existsSync(root)) {
    throw new Stop(
      `no ecosystem trees at ${root} (npm run ecosystem:clone fetches them; DTYPE_GUARD_ECOSYSTEM sets another root)`,
    );
  }
  const missing = repos.filter((r) => !existsSync(path.join(root, r.name)));
  if (missing.length) {
    throw new Stop(
      `missing trees under ${root}: ${missing.map((r) => r.name).join(', ')} ` +
        '(npm run ecosystem:clone fetches them; DTYPE_GUARD_ECOSYSTEM sets another root)',
    );
  }

  const findings = [];
  for (const r of repos) {
    try {
      findings.push(...(await runCli(cliPath, r.repo, path.join(root, r.name))));
    } catch (err) {
      throw new Stop(err.message);
    }
  }
  const names = repos.map((r) => r.repo);
  const result = compareRun(
    entries.filter((e) => names.includes(e.repo)),
    findings,
    names,
  );
  if (opts.json) process.stdout.write(JSON.stringify({ root, repos: names, ...result }, null, 2) + '\n');
  else process.stdout.write(formatReport(result, { root, repos: names }));
  return result.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`ecosystem: ${err instanceof Stop ? err.message : (err.stack ?? err)}\n`);
    process.exitCode = 2;
  },
);
