import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

let cachedVersion: string | undefined;

/** qeval's own version, from package.json. */
export function qevalVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return cachedVersion;
}

/** The current git commit of `cwd`, or null outside a repository. Never fails a run. */
export function gitCommit(cwd: string): Promise<string | null> {
  if (process.env.GITHUB_SHA) return Promise.resolve(process.env.GITHUB_SHA);
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 2000 }, (err, stdout) => {
      resolve(err ? null : stdout.trim() || null);
    });
  });
}
