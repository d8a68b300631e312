/**
 * A loopback stand-in for the part of the GitHub REST API that `qeval comment` uses: list an
 * issue's comments (paginated with a `Link` header, as GitHub does), create one, update one.
 * Bodies over GitHub's 65,536 characters are refused with 422; tokens are checked; faults
 * (401, 403, 404, the secondary rate limit, a used-up primary limit) are injected on demand.
 * It listens on 127.0.0.1 only and keeps everything in memory.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './simulator.js';

export type GitHubFault = '401' | '403' | '404' | 'secondary-rate-limit' | 'rate-limit';

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
}

export interface GitHubStandIn {
  /** For GITHUB_API_URL: `http://127.0.0.1:<port>`. */
  url: string;
  token: string;
  comments: StoredComment[];
  /** Every request as `METHOD path`. */
  requests: string[];
  /** Adds comments by someone else, e.g. to push qeval's onto a later page. */
  seed(issue: number, count: number): void;
  /** The fault every following request gets, until cleared with null. */
  setFault(fault: GitHubFault | null): void;
  close(): Promise<void>;
}

/** GitHub's limit on a comment body. */
export const GITHUB_BODY_LIMIT = 65_536;

export async function startGitHubStandIn(
  options: { owner?: string; repo?: string } = {},
): Promise<GitHubStandIn> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'prompts';
  const token = 'ghs_standin0123456789';
  const comments: StoredComment[] = [];
  const requests: string[] = [];
  let fault: GitHubFault | null = null;
  let nextId = 1000;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => send(res, 500, { message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const at = new URL(req.url ?? '/', url);
    requests.push(`${req.method} ${at.pathname}`);
    if (fault) return sendFault(res, fault);
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`) {
      return send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
    }
    const base = `/repos/${owner}/${repo}/issues`;
    const list = at.pathname.match(new RegExp(`^${base}/(\\d+)/comments$`));
    const one = at.pathname.match(new RegExp(`^${base}/comments/(\\d+)$`));
    if (list && req.method === 'GET') {
      const issue = Number(list[1]);
      const perPage = Math.min(100, Number(at.searchParams.get('per_page') ?? 30));
      const page = Math.max(1, Number(at.searchParams.get('page') ?? 1));
      const all = comments.filter((c) => c.issue === issue);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const links: string[] = [];
      const pageUrl = (n: number) => `<${url}${at.pathname}?per_page=${perPage}&page=${n}>`;
      if (page < last) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(last)}; rel="last"`);
      if (page > 1) links.push(`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`);
      const slice = all.slice((page - 1) * perPage, page * perPage).map(view);
      return send(res, 200, slice, links.length ? { link: links.join(', ') } : {});
    }
    if (list && req.method === 'POST') {
      const body = parseBody(raw);
      if (body === undefined) return send(res, 400, { message: 'Problems parsing JSON' });
      if (body.length > GITHUB_BODY_LIMIT) return tooLong(res);
      const comment = {
        id: nextId++,
        issue: Number(list[1]),
        body,
        user: { login: 'github-actions[bot]', type: 'Bot' },
      };
      comments.push(comment);
      return send(res, 201, view(comment));
    }
    if (one && req.method === 'PATCH') {
      const comment = comments.find((c) => c.id === Number(one[1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      const body = parseBody(raw);
      if (body === undefined) return send(res, 400, { message: 'Problems parsing JSON' });
      if (body.length > GITHUB_BODY_LIMIT) return tooLong(res);
      comment.body = body;
      return send(res, 200, view(comment));
    }
    return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  function view(c: StoredComment) {
    return {
      id: c.id,
      body: c.body,
      user: c.user,
      html_url: `https://github.com/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
    };
  }

  return {
    url,
    token,
    comments,
    requests,
    seed(issue, count) {
      for (let i = 0; i < count; i++) {
        comments.push({ id: nextId++, issue, body: `LGTM ${i}`, user: { login: 'reviewer', type: 'User' } });
      }
    },
    setFault(f) {
      fault = f;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sendFault(res: ServerResponse, fault: GitHubFault): void {
  const docs = 'https://docs.github.com/rest';
  send(res, ...faultAnswer(fault, docs));
}

function faultAnswer(fault: GitHubFault, docs: string): [number, unknown, Record<string, string>?] {
  switch (fault) {
    case '401':
      return [401, { message: 'Bad credentials', documentation_url: docs }];
    case '403':
      return [403, { message: 'Resource not accessible by integration', documentation_url: docs }];
    case '404':
      return [404, { message: 'Not Found', documentation_url: docs }];
    case 'secondary-rate-limit':
      return [
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
        { 'retry-after': '60' },
      ];
    case 'rate-limit':
      return [
        403,
        { message: 'API rate limit exceeded for installation.', documentation_url: docs },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': '1893456000' },
      ];
  }
}

function tooLong(res: ServerResponse): void {
  send(res, 422, {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: 'body is too long (maximum is 65536 characters)',
      },
    ],
  });
}

function parseBody(raw: string): string | undefined {
  try {
    const value = JSON.parse(raw) as { body?: unknown };
    return typeof value.body === 'string' ? value.body : undefined;
  } catch {
    return undefined;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
