/**
 * One HTTP attempt: send, read, and turn whatever came back into a response or a classified
 * failure. Retrying, limits and events are the client's business (client.ts).
 */

import type { ModelResponse } from '../contracts/chat.js';
import { AuthError } from '../errors.js';
import { parseRetryAfter, retryableStatuses } from './backoff.js';
import { costOf, type PriceTable } from './cost.js';
import { errorMessage, isHtml, snippet } from './error-body.js';
import { ProviderError } from './errors.js';
import { type CompletionParts, MalformedBody, readCompletion } from './normalise.js';
import { scrubSecret, scrubValue } from './secret.js';
import { SseChunkError, SseEventTooLarge, SseParser, StreamAccumulator } from './sse.js';
import type { RecordedTiming, Transport, TransportReply, TransportRequest } from './transport.js';

export interface AttemptInput {
  transport: Transport;
  /** What is sent, built once per call: every attempt of it sends the same. */
  call: TransportRequest;
  /** The most of a response body read; more is a `too-large` failure, read no further. */
  maxResponseBytes: number;
  prices: PriceTable;
  apiKey?: string;
  /** Which flag picks another model, for the retired-model message. */
  modelFlag: string;
}

/** A failed attempt: the error to report if no retry follows, and whether one may. */
export interface AttemptFailure {
  ok: false;
  error: ProviderError | AuthError;
  retryable: boolean;
  retryAfterMs?: number;
  /** Short reason for the retry event: `HTTP 503`, `timeout`, `ECONNRESET`. */
  reason: string;
}

export type AttemptOutcome = { ok: true; response: ModelResponse } | AttemptFailure;

const statusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Sends the chat request once. Never throws: every failure is a classified outcome. */
export function attempt(input: AttemptInput): Promise<AttemptOutcome> {
  const started = performance.now();
  return sendOnce(input, (reply) =>
    readResponse(reply.response, input, started, reply.recorded, reply.replayed),
  );
}

/**
 * The frame of one attempt, whatever the endpoint (chat, embeddings): send; a cassette miss, a
 * throw (network, timeout, Ctrl-C, a body over the limit) as a classified failure; and the
 * attempt finished whatever happened (its timer ended, a body given up half way cut). `read`
 * turns the HTTP response into an outcome.
 */
export async function sendOnce<T extends { ok: true }>(
  input: AttemptInput,
  read: (reply: Extract<TransportReply, { type: 'response' }>) => Promise<T | AttemptFailure>,
): Promise<T | AttemptFailure> {
  let finish: ((abandoned: boolean) => void) | undefined;
  let abandoned = false;
  try {
    const reply = await input.transport.send(input.call);
    if (reply.type === 'cassette-miss') return missFailure(reply);
    finish = reply.finish;
    const outcome = await read(reply);
    abandoned = !outcome.ok && outcome.reason === 'too large';
    return outcome;
  } catch (err) {
    abandoned = true;
    return thrown(err, input);
  } finally {
    finish?.(abandoned);
  }
}

/** A cassette with no recording for the call: never retried. */
function missFailure(reply: Extract<TransportReply, { type: 'cassette-miss' }>): AttemptFailure {
  const kind = reply.reason === 'expired' ? 'cassette-expired' : 'cassette-miss';
  return fail(new ProviderError(kind, reply.message), false, kind);
}

async function readResponse(
  res: Response,
  input: AttemptInput,
  started: number,
  recorded: RecordedTiming | undefined,
  replayed: boolean,
): Promise<AttemptOutcome> {
  const contentType = res.headers.get('content-type');

  if (res.status < 200 || res.status >= 300) {
    const text = scrubSecret(await readText(res, input.maxResponseBytes), input.apiKey);
    return statusFailure(res, text, input, replayed);
  }

  const inferenceId = res.headers.get('x-inference-id');
  const common = {
    inference_id: inferenceId === null ? null : scrubSecret(inferenceId, input.apiKey),
    source: replayed ? ('cassette' as const) : ('live' as const),
  };
  if ((contentType ?? '').includes('text/event-stream')) {
    return readStream(res, input, started, common, recorded);
  }

  const text = await readText(res, input.maxResponseBytes);
  const latency = performance.now() - started;
  if (isHtml(text, contentType)) {
    return malformed(`the gateway answered ${res.status} with an HTML page instead of JSON`, text, input);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return malformed(`the gateway answered ${res.status} with a body that is not valid JSON`, text, input);
  }
  try {
    const parts = readCompletion(body);
    const latency_ms = recorded?.durationMs ?? round(latency);
    return { ok: true, response: toResponse(parts, res, input, common, latency_ms, null) };
  } catch (err) {
    if (err instanceof MalformedBody) return malformed(err.message, text, input);
    throw err;
  }
}

async function readStream(
  res: Response,
  input: AttemptInput,
  started: number,
  common: Pick<ModelResponse, 'inference_id' | 'source'>,
  recorded: RecordedTiming | undefined,
): Promise<AttemptOutcome> {
  const parser = new SseParser();
  const acc = new StreamAccumulator();
  const decoder = new TextDecoder();
  let ttft: number | null = null;
  const seen: string[] = [];
  const take = (payloads: string[]) => {
    for (const p of payloads) {
      if (seen.length < 3) seen.push(p);
      if (acc.push(p) && ttft === null) ttft = performance.now() - started;
    }
  };
  try {
    // A timeout or Ctrl-C aborts the transport's request, and with it this read.
    for await (const chunk of boundedChunks(res, input.maxResponseBytes)) {
      take(parser.feed(decoder.decode(chunk, { stream: true })));
      if (acc.done) break;
    }
    take(parser.feed(decoder.decode()));
    take(parser.end());
  } catch (err) {
    if (err instanceof SseEventTooLarge || err instanceof ResponseTooLarge) return tooLarge(err.message);
    if (err instanceof SseChunkError) {
      return malformed('a streamed chunk is not valid JSON', err.payload, input);
    }
    throw err;
  }
  const latency = performance.now() - started;
  const result = acc.result();
  if (result.error !== undefined) {
    return fail(
      new ProviderError('http', `the stream reported an error: ${scrubSecret(result.error, input.apiKey)}`, {
        status: res.status,
      }),
      false,
      'stream error',
    );
  }
  if (result.chunks === 0) {
    return malformed('the stream ended without any chunk', seen.join('\n'), input);
  }
  const latency_ms = recorded?.durationMs ?? round(latency);
  const ttft_ms = recorded ? recorded.ttftMs : ttft === null ? null : round(ttft);
  return { ok: true, response: toResponse(result, res, input, common, latency_ms, ttft_ms) };
}

/** A response from a completion, whole or streamed: its parts, the cost, the timing. */
function toResponse(
  parts: CompletionParts,
  res: Response,
  input: AttemptInput,
  common: Pick<ModelResponse, 'inference_id' | 'source'>,
  latency_ms: number,
  ttft_ms: number | null,
): ModelResponse {
  const cost = costOf(
    res.headers.get('x-aimlapi-usd-spent'),
    parts.usd_spent,
    parts.usage,
    [input.call.request.model, parts.model],
    input.prices,
  );
  // The key is scrubbed here, where the answer enters qeval, so every file written from it (and a
  // live run's report and its replay's) has the same `[REDACTED]` the cassette has.
  const response: ModelResponse = {
    output: scrubSecret(parts.output, input.apiKey),
    finish_reason: parts.finish_reason,
    model: parts.model,
    usage: parts.usage,
    cost_usd: cost.cost_usd,
    cost_source: cost.cost_source,
    latency_ms,
    ttft_ms,
    inference_id: common.inference_id,
    source: common.source,
  };
  if (parts.tool_calls) response.tool_calls = scrubValue(parts.tool_calls, input.apiKey);
  return response;
}

export function statusFailure(
  res: Response,
  text: string,
  input: AttemptInput,
  replayed: boolean,
): AttemptFailure {
  const status = res.status;
  const label = `HTTP ${status}${statusText[status] ? ` ${statusText[status]}` : ''}`;
  const html = isHtml(text, res.headers.get('content-type'));
  const detail = html ? `an HTML page: "${snippet(text, 120)}"` : errorMessage(text);
  const short = snippet(text);
  if (status === 401 || status === 403) {
    const why =
      status === 401
        ? input.apiKey
          ? 'the gateway rejected the API key (401): check AIMLAPI_KEY'
          : 'the gateway needs an API key (401): set AIMLAPI_KEY'
        : 'the gateway refused the request (403): the account may be out of credits or lack access to this model';
    return fail(new AuthError(`${why} — ${detail}`, status), false, label);
  }
  if (status === 404) {
    const model = input.call.request.model;
    const message =
      `model "${model}" is not available on the gateway (${label}: ${detail}); it may have been retired — ` +
      `choose another with ${input.modelFlag}, e.g. ${input.modelFlag} alibaba/qwen3-max-instruct`;
    return fail(new ProviderError('retired-model', message, { status, snippet: short }), false, label);
  }
  const retryable = !replayed && retryableStatuses.has(status);
  const error = new ProviderError('http', `${label}: ${detail}`, { status, snippet: short });
  const out = fail(error, retryable, label);
  const after = parseRetryAfter(res.headers.get('retry-after'));
  if (after !== undefined) out.retryAfterMs = after;
  return out;
}

function thrown(err: unknown, input: AttemptInput): AttemptFailure {
  if (err instanceof ResponseTooLarge) return tooLarge(err.message);
  if (input.call.signal?.aborted) {
    return fail(new ProviderError('aborted', 'the call was cancelled', { cause: err }), false, 'aborted');
  }
  if (isTimeout(err)) {
    return fail(
      new ProviderError('timeout', `no complete response within ${input.call.timeoutMs} ms`),
      true,
      'timeout',
    );
  }
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { name?: string; code?: string; message?: string };
  };
  const nockRefused = (x: { name?: string; code?: string } | undefined) =>
    x?.name === 'NetConnectNotAllowedError' || x?.code === 'ERR_NOCK_NO_MATCH';
  if (nockRefused(e) || nockRefused(e?.cause)) {
    return fail(
      new ProviderError(
        'network',
        `network access is disabled here (${e.message ?? 'no connection allowed'})`,
        { cause: err },
      ),
      false,
      'network disabled',
    );
  }
  const code = e?.cause?.code ?? e?.code ?? 'network error';
  const detail = e?.cause?.message ?? e?.message ?? String(err);
  if (detail === 'unexpected redirect') {
    return fail(
      new ProviderError(
        'network',
        scrubSecret(
          `the gateway answered ${input.call.url} with a redirect (HTTP 3xx), which qeval does not follow: set --base-url to the address it redirects to`,
          input.apiKey,
        ),
        { cause: err },
      ),
      false,
      'redirect',
    );
  }
  // A host that does not resolve will not resolve on the next try either.
  const retryable = code !== 'ENOTFOUND';
  return fail(
    new ProviderError('network', scrubSecret(`network fault (${code}): ${detail}`, input.apiKey), {
      cause: err,
    }),
    retryable,
    code,
  );
}

export function malformed(message: string, body: string, input: AttemptInput): AttemptFailure {
  const piece = snippet(scrubSecret(body, input.apiKey));
  return fail(
    new ProviderError('malformed', `${message}: "${piece}"`, { snippet: piece }),
    false,
    'malformed',
  );
}

/** The transport's timer fired: fetch rejects with its reason (or a TypeError caused by it). */
function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string } } | undefined;
  return e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError';
}

/** Thrown by {@link readText} and the stream loop once a body passes `maxResponseBytes`. */
class ResponseTooLarge extends Error {
  constructor(limit: number) {
    super(`the response is larger than max_response_bytes (${formatBytes(limit)})`);
  }
}

/** Not retried: the same request will get the same answer. */
function tooLarge(message: string): AttemptFailure {
  return fail(
    new ProviderError(
      'too-large',
      `${message}; it was read no further (raise max_response_bytes if it is expected)`,
    ),
    false,
    'too large',
  );
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : `${n} bytes`;
}

/**
 * The body as text, reading at most `limit` bytes: past it the body is cancelled and
 * {@link ResponseTooLarge} thrown, so a huge or endless answer never sits in memory.
 */
export async function readText(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const length = res.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > limit) {
    await res.body.cancel().catch(() => undefined);
    throw new ResponseTooLarge(limit);
  }
  // A declared length within the limit bounds the body (HTTP framing ends it there): read it whole.
  if (declared <= limit) return res.text();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for await (const chunk of boundedChunks(res, limit)) parts.push(decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * The body's chunks as they come, throwing {@link ResponseTooLarge} once more than `limit` bytes
 * came. However the reading ends (the limit, an SSE event too large, `[DONE]`), the rest of the
 * body is cancelled.
 */
async function* boundedChunks(res: Response, limit: number): AsyncGenerator<Uint8Array> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      bytes += value.byteLength;
      if (bytes > limit) throw new ResponseTooLarge(limit);
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function fail(error: ProviderError | AuthError, retryable: boolean, reason: string): AttemptFailure {
  return { ok: false, error, retryable, reason };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
