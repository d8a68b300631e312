/**
 * Replay through nock: ONE persistent interceptor for `POST {base}/chat/completions`, whose
 * reply function computes the request's key from what the HTTP layer carries (body + sample
 * header) and answers from a Map. Nothing per entry is registered with nock.
 */
import { Readable } from 'node:stream';
import nock from 'nock';
import { SseParser, StreamAccumulator } from '../provider/sse.js';
import type { ChatRequest } from '../provider/types.js';
import { encodeReplayHit, ReplayHeader } from '../provider/wire-headers.js';
import type { CallContext } from './context.js';
import type { CassetteLibrary } from './library.js';
import { caseBase, formatDiff, nearestEntry } from './nearest.js';
import type { CassetteEntry } from './types.js';

/** What nock sends back: status, body, headers. */
export type Reply = [number, string | Readable, Record<string, string>];

interface Served {
  status: number;
  headers: Record<string, string>;
  body?: string;
  chunks?: string[];
}

// Built once per entry on its first hit: replaying 10,000 cases serialises each body once.
const servedCache = new WeakMap<CassetteEntry, Served>();

/** The reply for a hit: recorded status, safe headers, body or chunks, recorded timing. */
export function hitReply(entry: CassetteEntry): Reply {
  let served = servedCache.get(entry);
  if (!served) {
    served = serve(entry);
    servedCache.set(entry, served);
  }
  if (served.chunks) return [served.status, Readable.from(served.chunks), served.headers];
  return [served.status, served.body ?? '', served.headers];
}

function serve(entry: CassetteEntry): Served {
  const r = entry.response;
  const headers: Record<string, string> = { ...r.headers };
  if (r.chunks) {
    headers[ReplayHeader] = encodeReplayHit(entry.duration_ms, firstContentAt(entry));
    return { status: r.status, headers, chunks: r.chunks.map((c) => c.data) };
  }
  headers[ReplayHeader] = encodeReplayHit(entry.duration_ms, null);
  const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return { status: r.status, headers, body };
}

/** When the first content arrived in a recorded stream: the replayed time to first token. */
function firstContentAt(entry: CassetteEntry): number | null {
  const parser = new SseParser();
  const acc = new StreamAccumulator();
  try {
    for (const chunk of entry.response.chunks ?? []) {
      for (const payload of parser.feed(chunk.data)) if (acc.push(payload)) return chunk.t;
    }
  } catch {
    // A broken recorded chunk: the client reports it when it reads the stream.
  }
  return null;
}

/** An answer the client turns into a `cassette-miss` / `cassette-expired` error case. */
export function missReply(kind: 'miss' | 'expired', message: string): Reply {
  return [
    404,
    JSON.stringify({ error: { message, type: `cassette_${kind}` } }),
    { 'content-type': 'application/json', [ReplayHeader]: kind },
  ];
}

/**
 * The message of a miss: which test, which cassette, how to re-record, and the nearest recorded
 * request of that test with a per-field diff.
 */
export function missMessage(
  lib: CassetteLibrary,
  request: ChatRequest,
  ctx: CallContext,
  expired?: { entry: CassetteEntry; maxAgeDays: number },
): string {
  const who = ctx.caseId ?? `${request.model} request`;
  const grader = ctx.purpose === 'grader' ? 'grader call of ' : '';
  const file = lib.cassetteFor(ctx.suite)?.path ?? '(no cassette)';
  const filter = ctx.caseId ? caseBase(ctx.caseId) : request.model;
  const rerecord = `re-record with: qeval run --mode record --filter "${filter}" (or --mode auto to record only what is missing)`;
  if (expired) {
    return (
      `the recording for ${grader}test "${who}" in ${file} is from ${expired.entry.recorded_at}, ` +
      `older than --max-age ${expired.maxAgeDays} days; ${rerecord}`
    );
  }
  const lines = [`no recording for ${grader}test "${who}" in ${file}; ${rerecord}`];
  const near = nearestEntry(lib.entriesOf(ctx.suite), request, ctx.sample, ctx.caseId, ctx.purpose);
  if (near) {
    lines.push(
      `nearest recorded request (${near.entry.case_id}, recorded ${near.entry.recorded_at}) differs in:`,
    );
    lines.push(...formatDiff(near.diff));
  } else {
    lines.push(`the cassette has no recorded request for this test`);
  }
  return lines.join('\n');
}

/** The one interceptor: returns a function that removes it. */
export function installInterceptor(
  baseUrl: string,
  reply: (headers: Record<string, string | string[] | undefined>, body: unknown) => Reply,
  options: { onlyWithHeader?: string },
): () => void {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  const path = new RegExp(`^${escapeRegExp(prefix)}/chat/completions(\\?.*)?$`);
  // With `onlyWithHeader` (auto mode), requests without it are not ours: nock lets them through.
  const scope = nock(url.origin, options.onlyWithHeader ? { allowUnmocked: true } : undefined).persist();
  let interceptor = scope.post(path);
  if (options.onlyWithHeader) interceptor = interceptor.matchHeader(options.onlyWithHeader, /.+/);
  interceptor.reply(function (
    this: { req: { headers: Record<string, string | string[] | undefined> } },
    _uri,
    body,
  ) {
    return reply(this.req.headers, body);
  });
  return () => {
    nock.removeInterceptor(interceptor);
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
