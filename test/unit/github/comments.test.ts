/** The pull-request comment through the real GitHub client (octokit) to a loopback stand-in. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { commentMarker, GitHubError, octokitComments, upsertComment } from '../../../src/github/comments.js';
import { type PullRequestTarget, pullRequestTarget } from '../../../src/github/pull-request.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../utils/github-api.js';

let gh: GitHubStandIn;
let dir: string;
const marker = commentMarker();

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  gh = await startGitHubStandIn();
  dir = await mkdtemp(join(tmpdir(), 'qeval-gh-'));
});
afterAll(async () => {
  await gh.close();
  await rm(dir, { recursive: true, force: true });
  nock.enableNetConnect();
});
afterEach(() => gh.setFault(null));

const target = (number: number, token = gh.token): PullRequestTarget => ({
  owner: 'acme',
  repo: 'prompts',
  number,
  apiUrl: gh.url,
  token,
});

describe('upsertComment', () => {
  it('creates one comment, then updates that same comment, never a second', async () => {
    const api = octokitComments(target(7));
    const first = await upsertComment(api, 'run 1: 40 of 40 passed', marker);
    expect(first.action).toBe('created');
    const second = await upsertComment(api, 'run 2: 39 of 40 passed', marker);
    expect(second).toMatchObject({ action: 'updated', comment: { id: first.comment.id } });
    const mine = gh.comments.filter((c) => c.issue === 7);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toBe(`${marker}\nrun 2: 39 of 40 passed`);
    expect(
      gh.requests.every((r) => r.startsWith('GET /repos/acme/prompts/issues') || r.includes('/comments')),
    ).toBe(true);
  });

  it('finds its comment on a later page of a busy pull request', async () => {
    gh.seed(8, 120);
    const api = octokitComments(target(8));
    const created = await upsertComment(api, 'first', marker);
    gh.seed(8, 130);
    const before = gh.requests.length;
    const updated = await upsertComment(api, 'second', marker);
    expect(updated).toMatchObject({ action: 'updated', comment: { id: created.comment.id } });
    // 251 comments at 100 a page: three list requests, then the update.
    expect(gh.requests.slice(before).filter((r) => r.startsWith('GET'))).toHaveLength(2);
    expect(gh.comments.filter((c) => c.issue === 8 && c.body.startsWith(marker))).toHaveLength(1);
  });

  it('leaves other comments alone, even one that quotes the marker mid-text', async () => {
    const api = octokitComments(target(9));
    await api.create(`a reviewer pasted ${marker} into a sentence`);
    const out = await upsertComment(api, 'the report', marker);
    expect(out.action).toBe('created');
    expect(gh.comments.filter((c) => c.issue === 9)).toHaveLength(2);
  });
});

describe('GitHub failures', () => {
  const cases = [
    ['401', 401, /rejected the token \(401\).*GITHUB_TOKEN/],
    ['403', 403, /permissions: pull-requests: write/],
    ['404', 404, /found no acme\/prompts#10 \(404\)/],
    ['secondary-rate-limit', 403, /secondary rate limit.*retry after 60 s/],
    ['rate-limit', 403, /rate limit is used up.*resets at 2030-01-01T00:00:00.000Z/],
  ] as const;
  for (const [fault, status, message] of cases) {
    it(`turns ${fault} into a GitHubError (exit 3) that says what to do`, async () => {
      gh.setFault(fault);
      const err = await upsertComment(octokitComments(target(10)), 'body', marker).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GitHubError);
      expect((err as GitHubError).exitCode).toBe(3);
      expect((err as GitHubError).status).toBe(status);
      expect((err as GitHubError).message).toMatch(message);
      expect((err as GitHubError).message).not.toContain(gh.token);
    });
  }
  it('rejects a wrong token with the stand-in’s real check', async () => {
    const err = await upsertComment(octokitComments(target(11, 'ghs_wrong')), 'x', marker).catch((e) => e);
    expect((err as GitHubError).status).toBe(401);
  });
  it('names the API when GitHub cannot be reached', async () => {
    const err = await upsertComment(
      octokitComments({ ...target(12), apiUrl: 'http://127.0.0.1:9' }),
      'x',
      marker,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubError);
    expect((err as GitHubError).message).toContain('could not reach GitHub at http://127.0.0.1:9');
  });
});

describe('pullRequestTarget', () => {
  it('reads the repository, the pull request number and the API from the Actions environment', async () => {
    const event = join(dir, 'event.json');
    await writeFile(event, JSON.stringify({ action: 'synchronize', pull_request: { number: 42 } }));
    const env = {
      GITHUB_TOKEN: 't',
      GITHUB_REPOSITORY: 'acme/prompts',
      GITHUB_EVENT_PATH: event,
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
    };
    expect(await pullRequestTarget(env)).toEqual({
      owner: 'acme',
      repo: 'prompts',
      number: 42,
      apiUrl: 'https://ghe.example.com/api/v3',
      token: 't',
    });
    expect(await pullRequestTarget({ ...env, GITHUB_API_URL: '' })).toMatchObject({
      apiUrl: 'https://api.github.com',
    });
  });
  it('says what is missing instead of guessing', async () => {
    const push = join(dir, 'push.json');
    await writeFile(push, JSON.stringify({ ref: 'refs/heads/main' }));
    expect(await pullRequestTarget({})).toEqual({ missing: 'GITHUB_TOKEN is not set' });
    expect(await pullRequestTarget({ GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'acme' })).toMatchObject({
      missing: expect.stringContaining('owner/name'),
    });
    expect(
      await pullRequestTarget({
        GITHUB_TOKEN: 't',
        GITHUB_REPOSITORY: 'acme/prompts',
        GITHUB_EVENT_PATH: push,
      }),
    ).toMatchObject({ missing: expect.stringContaining('not about a pull request') });
    await expect(
      pullRequestTarget({
        GITHUB_TOKEN: 't',
        GITHUB_REPOSITORY: 'acme/prompts',
        GITHUB_EVENT_PATH: join(dir, 'none.json'),
      }),
    ).rejects.toBeInstanceOf(InputError);
  });
});
