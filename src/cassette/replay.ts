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
import { type CallContext, parseRequest, readContext, replayKeyOf } from './context.js';
import { type HeldEntry, heldBody, heldHeaders } from './held.js';
import { requestKey } from './key.js';
import type { CassetteLibrary } from './library.js';
import { caseBase, formatDiff, nearestEntry } from './nearest.js';
import { decide } from './policy.js';
import type { RecordedChunk } from './types.js';

/** What nock sends back: status, body, headers. */
export type Reply = [number, string | Buffer | Readable, Record<string, string>];

/**
 * The reply for a hit: recorded status, safe headers, body or chunks, recorded timing. The body
 * bytes were built once at load (held.ts); nothing per hit is cached.
 */
export function hitReply(entry: HeldEntry): Reply {
  const headers = heldHeaders(entry);
  if (entry.chunks) {
    if (entry.ttft === undefined) entry.ttft = firstContentAt(entry.chunks);
    headers[ReplayHeader] = encodeReplayHit(entry.duration_ms, entry.ttft);
    return [entry.status, Readable.from(entry.chunks.map((c) => c.data)), headers];
  }
  headers[ReplayHeader] = encodeReplayHit(entry.duration_ms, null);
  return [entry.status, heldBody(entry), headers];
}

/** When the first content arrived in a recorded stream: the replayed time to first token. */
function firstContentAt(chunks: RecordedChunk[]): number | null {
  const parser = new SseParser();
  const acc = new StreamAccumulator();
  try {
    for (const chunk of chunks) {
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
  expired?: { entry: HeldEntry; maxAgeDays: number },
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
  const near = nearestEntry(lib.candidatesOf(ctx.suite), request, ctx.sample, ctx.caseId, ctx.purpose);
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

/**
 * The interceptor's answer to a request: the key from the body and the sample header (or the key
 * an auto-mode hit carries), then the policy's decision on the entry. Counts hits and misses.
 */
export function responder(
  lib: CassetteLibrary,
  options: { maxAgeDays: number | undefined; now: () => number; counts: { hits: number; misses: number } },
): (headers: Record<string, string | string[] | undefined>, body: unknown) => Reply {
  const { counts, maxAgeDays, now } = options;
  return (headers, body) => {
    const request = parseRequest(body);
    const ctx = readContext(headers);
    if (!request)
      return missReply('miss', 'the request body is not a chat request; nothing can be replayed for it');
    const key = replayKeyOf(headers) ?? requestKey(request, ctx.sample);
    const entry = lib.lookup(key, ctx.suite);
    const decision = decide('replay', entry, maxAgeDays, now());
    if (decision === 'replay' && entry) {
      counts.hits++;
      return hitReply(entry);
    }
    counts.misses++;
    if (decision === 'expired' && entry) {
      return missReply('expired', missMessage(lib, request, ctx, { entry, maxAgeDays: maxAgeDays ?? 0 }));
    }
    return missReply('miss', missMessage(lib, request, ctx));
  };
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
