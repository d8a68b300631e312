/**
 * Replay through nock: ONE persistent interceptor per gateway origin serves every hit at the HTTP
 * layer. Which entry it serves is decided before the request is sent ({@link CassetteTransport}),
 * and reaches the interceptor through an AsyncLocalStorage scope around that one fetch: no
 * header carries it and nothing per entry is registered with nock.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Readable } from 'node:stream';
import nock from 'nock';
import type { GatewayRequest } from '../contracts/chat.js';
import { SseParser, StreamAccumulator } from '../provider/sse.js';
import type { CallContext } from '../provider/transport.js';
import type { CassetteLibrary } from './library.js';
import { caseBase, formatDiff, nearestEntry } from './nearest.js';
import type { CassetteEntry, RecordedChunk } from './types.js';

/** The entry the fetch running in this scope is to be answered with. */
const serving = new AsyncLocalStorage<CassetteEntry>();

/** Sends `send()`'s request with the interceptor answering it from `entry`. */
export function serveFrom<T>(entry: CassetteEntry, send: () => Promise<T>): Promise<T> {
  return serving.run(entry, send);
}

/** What nock sends back: status, body, headers. */
type Reply = [number, string | Readable, Record<string, string>];

/** The recorded status, safe headers and body, or the recorded chunks of a stream. */
function hitReply(entry: CassetteEntry): Reply {
  const { status, headers, body, chunks } = entry.response;
  if (chunks) return [status, Readable.from(chunks.map((c) => c.data)), { ...headers }];
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return [status, text, { ...headers }];
}

const firstContent = new WeakMap<RecordedChunk[], number | null>();

/**
 * When the first content arrived in a recorded stream: the replayed time to first token. Worked
 * out on an entry's first hit and kept beside it (the chunks do not change).
 */
export function firstContentAt(chunks: RecordedChunk[]): number | null {
  let at = firstContent.get(chunks);
  if (at === undefined) {
    at = findFirstContent(chunks);
    firstContent.set(chunks, at);
  }
  return at;
}

function findFirstContent(chunks: RecordedChunk[]): number | null {
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

/**
 * The message of a miss: which test, which cassette, how to re-record, and the nearest recorded
 * request of that test with a per-field diff.
 */
export function missMessage(
  lib: CassetteLibrary,
  request: GatewayRequest,
  ctx: CallContext,
  expired?: { entry: CassetteEntry; maxAgeDays: number },
  rerecordHint?: string,
): string {
  const who = ctx.caseId || `${request.model} request`;
  const grader =
    ctx.purpose === 'grader'
      ? 'grader call of '
      : ctx.purpose === 'simulated-user'
        ? `simulated-user turn ${ctx.step ?? 1} of `
        : ctx.step !== undefined
          ? `step ${ctx.step} of `
          : '';
  const file = lib.cassetteFor(ctx.suite)?.path ?? '(no cassette)';
  const filter = ctx.caseId ? caseBase(ctx.caseId) : request.model;
  const rerecord =
    rerecordHint ??
    `re-record with: qeval run --mode record --filter "${filter}" (or --mode auto to record only what is missing)`;
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
 * Installs the interceptor for every POST to `origin`; returns a function that removes it.
 * With `passUnserved` (auto and record), a request sent outside a {@link serveFrom} scope goes to
 * the network; without it (replay), nock refuses it, so a replay never opens a connection to
 * the gateway.
 */
export function installInterceptor(origin: string, options: { passUnserved: boolean }): () => void {
  const scope = nock(origin, options.passUnserved ? { allowUnmocked: true } : undefined).persist();
  const interceptor = scope.post(() => serving.getStore() !== undefined);
  interceptor.reply(() => hitReply(serving.getStore()!));
  return () => {
    nock.removeInterceptor(interceptor);
  };
}
