/**
 * Where a comment goes, read from the environment a GitHub Actions job has: the repository
 * (`GITHUB_REPOSITORY`), the pull request (from the event payload at `GITHUB_EVENT_PATH`), the
 * API (`GITHUB_API_URL`, for GitHub Enterprise) and the token (`GITHUB_TOKEN`).
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
  apiUrl: string;
  token: string;
}

/** Why no target: said to the user, who then gets the Markdown printed instead. */
export type NoTarget = { missing: string };

/**
 * The pull request to comment on, or what is missing to know it. An event file that cannot be
 * read or is not JSON is an input error: the job is misconfigured, not merely local.
 */
export async function pullRequestTarget(env: NodeJS.ProcessEnv): Promise<PullRequestTarget | NoTarget> {
  const token = env.GITHUB_TOKEN;
  if (!token) return { missing: 'GITHUB_TOKEN is not set' };
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    return { missing: `GITHUB_REPOSITORY should be "owner/name", got ${JSON.stringify(repository)}` };
  }
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath) return { missing: 'GITHUB_EVENT_PATH is not set (run this inside a pull_request job)' };
  let event: unknown;
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (err) {
    throw new InputError(
      `cannot read the GitHub event at ${eventPath}: ${(err as Error).message}`,
      'E_GITHUB_EVENT',
      err,
    );
  }
  const number = prNumber(event);
  if (number === undefined) {
    return {
      missing: `the event at ${eventPath} is not about a pull request (run the job on pull_request or pull_request_target)`,
    };
  }
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  return { owner, repo, number, apiUrl, token };
}

/** `pull_request.number`, or `issue.number` of a comment on a pull request. */
function prNumber(event: unknown): number | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const e = event as {
    pull_request?: { number?: unknown };
    issue?: { number?: unknown; pull_request?: unknown };
    number?: unknown;
  };
  const n = e.pull_request?.number ?? (e.issue?.pull_request ? e.issue.number : undefined);
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}
