/**
 * The chat-completions client: `POST {base}/chat/completions` through a transport (the network,
 * or the cassettes), with
 * a per-request timeout, retries (exponential backoff, full jitter, `Retry-After`), a hard cap
 * on requests in flight shared by every call, and an optional per-model rate. It never prints:
 * waiting is reported through `onEvent`.
 */

import type { ChatRequest, Embeddings, EmbeddingsRequest, ModelResponse } from '../contracts/chat.js';
import type { AuthError } from '../errors.js';
import { type AttemptFailure, type AttemptInput, attempt } from './attempt.js';
import { type BackoffPolicy, backoffDelay, defaultBackoff, sleep } from './backoff.js';
import type { PriceTable } from './cost.js';
import { attemptEmbeddings, defaultEmbeddingsBatch, embedInBatches } from './embeddings.js';
import { ProviderError } from './errors.js';
import { acquireSlot, RateWindow, Semaphore } from './limiter.js';
import { sanitiseRequestId } from './request-id.js';
import { type CallContext, fetchTransport, type Transport, type TransportRequest } from './transport.js';
import type { CallOptions, ChatClient, ClientEvent } from './types.js';

export interface ClientOptions {
  baseUrl: string;
  /** Sent as a Bearer token; never printed, logged or stored. */
  apiKey?: string;
  timeoutMs: number;
  /** The most of one response body read (default {@link defaultMaxResponseBytes}). */
  maxResponseBytes?: number;
  retries: number;
  /** Hard cap on requests in flight, shared by test and grader calls. */
  concurrency: number;
  /** Requests per minute, per model. */
  rpm?: number;
  /** USD per million tokens. */
  prices: PriceTable;
  /** Retries and rate-limit waits, so the CLI can show "waiting: retry in 4 s". */
  onEvent?: (e: ClientEvent) => void;
  /** Default: the network ({@link fetchTransport}). */
  transport?: Transport;
  /** Jitter source, for tests. */
  random?: () => number;
  /** Backoff timing (base 500 ms, cap 30 s, Retry-After waited up to 120 s); tests shrink it. */
  backoff?: Partial<BackoffPolicy>;
  /** Texts per embeddings request (default {@link defaultEmbeddingsBatch}). */
  embeddingsBatch?: number;
}

/** 8 MB: far above any chat answer, far below what would strain the process. */
export const defaultMaxResponseBytes = 8 * 1024 * 1024;

/** Creates the client the runner and the model-graded assertions share. */
/** Where a retired model of each kind of call is chosen, for the message that names it. */
const modelFlags: Record<CallOptions['purpose'], string> = {
  test: '-m',
  grader: '`grader: { model }` in the suite',
  'simulated-user': '`simulate: { model }` in the test',
};

export function createClient(options: ClientOptions): ChatClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const slots = new Semaphore(options.concurrency);
  const rate = options.rpm === undefined ? undefined : new RateWindow(options.rpm);
  const backoff: BackoffPolicy = { ...defaultBackoff, ...options.backoff };
  const random = options.random ?? Math.random;
  const emit = options.onEvent ?? (() => undefined);
  // A 401/403 stops the run; a 404 retires a model. Later calls fail at once without a request.
  let authFailure: AuthError | undefined;
  const retired = new Map<string, ProviderError>();
  const transport = options.transport ?? fetchTransport();
  const embeddingsUrl = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;

  function attemptInput(call: TransportRequest, modelFlag: string): AttemptInput {
    const input: AttemptInput = {
      transport,
      call,
      maxResponseBytes: options.maxResponseBytes ?? defaultMaxResponseBytes,
      prices: options.prices,
      modelFlag,
    };
    if (options.apiKey !== undefined) input.apiKey = options.apiKey;
    return input;
  }

  function transportRequest(
    to: string,
    request: ChatRequest | EmbeddingsRequest,
    call: CallOptions,
  ): TransportRequest {
    const context: CallContext = { caseId: call.caseId, sample: call.sample, purpose: call.purpose };
    if (call.suite !== undefined) context.suite = call.suite;
    if (call.step !== undefined) context.step = call.step;
    if (call.regrade) context.regrade = call.regrade;
    const sent: TransportRequest = {
      url: to,
      headers: requestHeaders(options.apiKey, call.caseId),
      body: JSON.stringify(request),
      request,
      context,
      timeoutMs: options.timeoutMs,
    };
    if (call.signal) sent.signal = call.signal;
    return sent;
  }

  async function complete(request: ChatRequest, call: CallOptions): Promise<ModelResponse> {
    if (authFailure) throw authFailure;
    const gone = retired.get(request.model);
    if (gone) throw new ProviderError('retired-model', gone.message, { status: gone.status });
    if (call.signal?.aborted) throw new ProviderError('aborted', 'the call was cancelled');

    const modelFlag = modelFlags[call.purpose];
    const input = attemptInput(transportRequest(url, request, call), modelFlag);
    return withRetries(request.model, call, () => attempt(input));
  }

  /**
   * One call's attempts: a slot per attempt, retries with backoff or `Retry-After`, a 401/403
   * remembered for every later call and a 404 retiring the model. Chat and embeddings share it.
   */
  async function withRetries<T>(
    model: string,
    call: CallOptions,
    once: () => Promise<{ ok: true; response: T } | AttemptFailure>,
  ): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        await acquireSlot(slots, rate, model, call.signal, (delay_ms) =>
          emit({ type: 'rate-limited', caseId: call.caseId, delay_ms }),
        );
      } catch {
        throw new ProviderError('aborted', 'the call was cancelled while waiting for a slot');
      }
      // A 401/403 may have come back while this call waited for its slot: send nothing more.
      if (authFailure) {
        slots.release();
        throw authFailure;
      }
      let outcome: { ok: true; response: T } | AttemptFailure;
      try {
        outcome = await once();
      } finally {
        slots.release();
      }
      if (outcome.ok) return outcome.response;

      const { error } = outcome;
      if (!(error instanceof ProviderError)) {
        authFailure = error;
        throw error;
      }
      if (error.kind === 'retired-model') {
        retired.set(model, error);
        throw error;
      }
      if (!outcome.retryable || n >= options.retries) {
        throw n > 0 && outcome.retryable ? withAttempts(error, n + 1) : error;
      }
      let delay: number;
      if (outcome.retryAfterMs !== undefined) {
        // The server said when; waiting longer than we are willing to is a failure now, not later.
        if (outcome.retryAfterMs > backoff.retryAfterMaxMs) {
          throw new ProviderError(
            error.kind,
            `${error.message} (the gateway asks to retry after ${Math.ceil(outcome.retryAfterMs / 1000)} s, longer than qeval waits)`,
            { status: error.status, snippet: error.snippet },
          );
        }
        delay = outcome.retryAfterMs;
      } else {
        delay = backoffDelay(n, backoff, random);
      }
      const event: ClientEvent = {
        type: 'retry',
        caseId: call.caseId,
        attempt: n + 1,
        delay_ms: delay,
        reason: outcome.reason,
      };
      if (error.status !== undefined) event.status = error.status;
      emit(event);
      try {
        // The slot is released during the wait so other requests use it.
        await sleep(delay, call.signal);
      } catch {
        throw new ProviderError('aborted', 'the call was cancelled while waiting to retry');
      }
    }
  }

  async function embed(request: EmbeddingsRequest, call: CallOptions): Promise<Embeddings> {
    return embedInBatches(request, options.embeddingsBatch ?? defaultEmbeddingsBatch, async (batch) => {
      if (authFailure) throw authFailure;
      const gone = retired.get(batch.model);
      if (gone) throw new ProviderError('retired-model', gone.message, { status: gone.status });
      if (call.signal?.aborted) throw new ProviderError('aborted', 'the call was cancelled');
      const input = attemptInput(transportRequest(embeddingsUrl, batch, call), '`model:` of the assertion');
      return withRetries(batch.model, call, () => attemptEmbeddings(input));
    });
  }

  return { complete, embed };
}

function requestHeaders(apiKey: string | undefined, caseId: string): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json',
    'x-client-request-id': sanitiseRequestId(caseId),
  };
  if (apiKey) h.authorization = `Bearer ${apiKey}`;
  return h;
}

function withAttempts(error: ProviderError, attempts: number): ProviderError {
  return new ProviderError(error.kind, `${error.message} (after ${attempts} attempts)`, {
    status: error.status,
    snippet: error.snippet,
    cause: error.cause,
  });
}
