/**
 * `qeval comment` as a process, through the real GitHub client to a loopback stand-in of the
 * REST API: the first run creates the comment, the next updates it, never a second one; without a
 * token it prints the Markdown; a rejected token is exit 3 with what to do.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportJson } from '../../src/report/json.js';
import { summarize } from '../../src/report/summary.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { fakeReport } from '../utils/fake-report.js';
import { type GitHubStandIn, startGitHubStandIn } from '../utils/github-api.js';

let dir: string;
let gh: GitHubStandIn;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-comment-'));
  gh = await startGitHubStandIn();
  const base = fakeReport({ cases: 40, langs: ['en', 'zh', 'ar'], seed: 5 });
  const cases = structuredClone(base.cases);
  // Two passing cases fail now.
  let flipped = 0;
  for (const c of cases) {
    if (c.status === 'pass' && flipped < 2) {
      c.status = 'fail';
      flipped++;
    }
  }
  await writeReportJson(base, join(dir, 'base.json'));
  await writeReportJson({ ...base, cases, summary: summarize(cases) }, join(dir, 'report.json'));
  await writeFile(
    join(dir, 'event.json'),
    JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }),
  );
  env = cleanEnv({
    GITHUB_TOKEN: gh.token,
    GITHUB_REPOSITORY: 'acme/prompts',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_API_URL: gh.url,
  });
});
afterAll(async () => {
  await gh.close();
  await rm(dir, { recursive: true, force: true });
});

const comment = (args: string[], extra: NodeJS.ProcessEnv = env) =>
  runCli(['comment', 'report.json', '--baseline', 'base.json', ...args], { cwd: dir, env: extra });

describe('qeval comment (process)', () => {
  it('creates one comment, then updates the same one', async () => {
    const first = await comment([]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^created https:\/\/github\.com\/acme\/prompts\/pull\/7#issuecomment-\d+\n$/,
    );
    const second = await comment([]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^updated /);
    const posted = gh.comments.filter((c) => c.issue === 7);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.startsWith('<!-- qeval:report -->\n## ❌ qeval:')).toBe(true);
    expect(posted[0]!.body).toContain('### Regressions (pass → fail): 2');
  });

  it('prints the Markdown without a token, and says why it did not post', async () => {
    const before = gh.requests.length;
    const { GITHUB_TOKEN: _token, ...noToken } = env;
    const out = await comment([], noToken);
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith('<!-- qeval:report -->\n## ❌ qeval:')).toBe(true);
    expect(out.stderr).toContain('GITHUB_TOKEN is not set');
    expect(gh.requests.length).toBe(before);
  });

  it('exits 3 with what to do when GitHub rejects the token', async () => {
    const out = await comment([], { ...env, GITHUB_TOKEN: 'ghs_wrong' });
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('GitHub rejected the token (401)');
    expect(out.stderr).not.toContain('ghs_wrong');
    expect(out.stderr).not.toContain('internal error');
  });
});
