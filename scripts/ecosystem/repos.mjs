// Reads the pinned repository list: one `owner/name sha` a line, `#` comments and blank lines allowed.

const LINE = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\s+([0-9a-f]{40})$/;

/**
 * Parses repos.txt. Returns `{ repos, problems }`: each repo is `{ repo, name, sha }`, where `name`
 * (the part after the slash) is the tree's folder under the ecosystem root.
 */
export function parseRepos(text) {
  const repos = [];
  const problems = [];
  const names = new Set();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) {
      problems.push(`line ${i + 1}: expected "owner/name <40-hex sha>", got "${line}"`);
      return;
    }
    const [, owner, name, sha] = m;
    // Trees are keyed by folder name, so two owners' forks of one name would share a folder.
    if (names.has(name)) problems.push(`line ${i + 1}: a second repository named "${name}"`);
    names.add(name);
    repos.push({ repo: `${owner}/${name}`, name, sha });
  });
  if (!repos.length && !problems.length) problems.push('no repositories listed');
  return { repos, problems };
}
