// Runs the built CLI on one tree, the way a user runs it from the repository's folder.
import { spawn } from 'node:child_process';

/**
 * Runs `dtype-guard check --format json --exit-zero .` with `dir` as the working directory.
 * Resolves to `[{ repo, file, line, rule, message }]`; rejects with a one-line reason when the CLI
 * fails or prints something that is not its JSON report.
 */
export function runCli(cli, repo, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', '.'], { cwd: dir });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => reject(new Error(`${repo}: could not start the CLI: ${e.message}`)));
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code !== 0) {
        const why = stderr.split('\n')[0] || (signal ? `killed by ${signal}` : 'no message');
        reject(new Error(`${repo}: dtype-guard exited with ${code ?? signal}: ${why}`));
        return;
      }
      let report;
      try {
        report = JSON.parse(Buffer.concat(out).toString('utf8'));
      } catch (e) {
        reject(new Error(`${repo}: the CLI's output is not JSON (${e.message})`));
        return;
      }
      if (!Array.isArray(report)) {
        reject(new Error(`${repo}: the CLI's JSON output is not a list of findings`));
        return;
      }
      resolve(report.map((f) => ({ repo, file: f.file, line: f.location.line, rule: f.code, message: f.message })));
    });
  });
}
