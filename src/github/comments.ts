/**
 * The pull request's comments: one small interface (list, create, update) with octokit behind it,
 * and the one rule on top — qeval keeps a single comment per pull request, found again by a
 * hidden marker and updated in place, so a job that runs again never posts twice.
 */
import type { Octokit } from '@octokit/rest';
import { QevalError } from '../errors.js';
import type { PullRequestTarget } from './pull-request.js';

export interface IssueComment {
  id: number;
  body?: string | undefined;
  html_url: string;
}

/** The three calls qeval makes on a pull request's comments. */
export interface CommentApi {
  /** Every comment, oldest first, page by page. */
  list(): AsyncIterable<IssueComment>;
  create(body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
}

/** A GitHub call that failed: the comment is not posted, the eval's own result stands. Exit 3. */
export class GitHubError extends QevalError {
  readonly status: number | undefined;
  constructor(message: string, status?: number, cause?: unknown) {
    super(message, { code: 'E_GITHUB', exitCode: 3, cause });
    this.status = status;
  }
}

/** The comments of the target pull request through the GitHub REST API (octokit). */
export function octokitComments(target: PullRequestTarget, fetchImpl?: typeof fetch): CommentApi {
  // octokit loads when the comment is posted: every other command of the CLI imports this
  // module through the public API and should not pay for it.
  const client = import('@octokit/rest').then(
    ({ Octokit }) =>
      new Octokit({
        auth: target.token,
        baseUrl: target.apiUrl,
        userAgent: 'qeval',
        // Failures come back as GitHubError with a message that says what to do; octokit's own
        // request log would print them a second time.
        log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
        ...(fetchImpl ? { request: { fetch: fetchImpl } } : {}),
      }),
  );
  client.catch(() => undefined);
  const where = { owner: target.owner, repo: target.repo };
  const call = async <T>(what: string, send: (octokit: Octokit) => Promise<{ data: T }>): Promise<T> => {
    const octokit = await client;
    try {
      return (await send(octokit)).data;
    } catch (err) {
      throw gitHubError(err, what, target);
    }
  };
  return {
    async *list() {
      const octokit = await client;
      const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        ...where,
        issue_number: target.number,
        per_page: 100,
      });
      try {
        for await (const page of pages) yield* page.data;
      } catch (err) {
        throw gitHubError(err, 'list the comments of', target);
      }
    },
    create: (body) =>
      call('comment on', (octokit) =>
        octokit.rest.issues.createComment({ ...where, issue_number: target.number, body }),
      ),
    update: (id, body) =>
      call('update its comment on', (octokit) =>
        octokit.rest.issues.updateComment({ ...where, comment_id: id, body }),
      ),
  };
}

function quiet(): void {}

/** The hidden line that marks qeval's comment; `key` tells several qeval comments apart. */
export function commentMarker(key = 'report'): string {
  return `<!-- qeval:${key} -->`;
}

/**
 * Updates the comment that carries `marker` (the first one, if a past bug left several), or
 * creates it. The body gets the marker as its first line.
 */
export async function upsertComment(
  api: CommentApi,
  body: string,
  marker: string,
): Promise<{ action: 'created' | 'updated'; comment: IssueComment }> {
  const text = body.startsWith(marker) ? body : `${marker}\n${body}`;
  for await (const comment of api.list()) {
    if (comment.body?.startsWith(marker) || comment.body?.includes(`\n${marker}`)) {
      return { action: 'updated', comment: await api.update(comment.id, text) };
    }
  }
  return { action: 'created', comment: await api.create(text) };
}

/** What went wrong, in words that say what to do. */
function gitHubError(err: unknown, what: string, target: PullRequestTarget): GitHubError {
  const e = err as { status?: unknown; message?: string; response?: { headers?: Record<string, string> } };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = e.response?.headers ?? {};
  const pr = `${target.owner}/${target.repo}#${target.number}`;
  const message = e.message ?? String(err);
  const retryAfter = Number(headers['retry-after']);
  // octokit reports a connection that failed as a 500 without a response.
  if (status === undefined || e.response === undefined) {
    return new GitHubError(
      `could not reach GitHub at ${target.apiUrl} to ${what} ${pr}: ${message}`,
      undefined,
      err,
    );
  }
  if (status === 401) {
    return new GitHubError(
      `GitHub rejected the token (401) trying to ${what} ${pr}: check GITHUB_TOKEN`,
      401,
      err,
    );
  }
  if ((status === 403 || status === 429) && /secondary rate limit/i.test(message)) {
    const wait = Number.isFinite(retryAfter) ? `; retry after ${retryAfter} s` : '';
    return new GitHubError(
      `GitHub's secondary rate limit stopped qeval trying to ${what} ${pr}${wait}`,
      status,
      err,
    );
  }
  if ((status === 403 || status === 429) && headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) ? `; it resets at ${new Date(reset * 1000).toISOString()}` : '';
    return new GitHubError(`GitHub's rate limit is used up trying to ${what} ${pr}${when}`, status, err);
  }
  if (status === 403) {
    return new GitHubError(
      `GitHub refused (403) to let the token ${what} ${pr}: give the job \`permissions: pull-requests: write\` (${message})`,
      403,
      err,
    );
  }
  if (status === 404) {
    return new GitHubError(
      `GitHub found no ${pr} (404) trying to ${what} it: check GITHUB_REPOSITORY and that the token can see the repository`,
      404,
      err,
    );
  }
  return new GitHubError(`GitHub answered ${status} trying to ${what} ${pr}: ${message}`, status, err);
}
