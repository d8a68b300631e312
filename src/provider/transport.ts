/**
 * The transport seam: how one HTTP attempt of the client reaches the gateway, or a cassette.
 *
 * The client builds the request and reads whatever comes back (status, JSON, SSE); a transport
 * only carries it. Live runs send it over the network (`fetchTransport`); the cassette layer
 * answers from recordings or records what the network answers (`src/cassette/transport.ts`).
 * Tests hand the client a fake that returns a `Response` built in-process.
 */
import type { CallPurpose, GatewayRequest } from '../contracts/chat.js';

/**
 * Who a call is for. It travels beside the request, never on the wire: the cassette layer keys
 * entries by it (`sample`), files them by suite, and names the case when it explains a miss.
 */
export interface CallContext {
  caseId: string;
  /** Sample index for `repeat`, part of the cassette key. */
  sample: number;
  purpose: CallPurpose;
  /** The model call of a tool loop or conversation (1-based); absent for a case's only call. */
  step?: number;
  /** `qeval judge-check`'s re-grading sample (1, 2, …) of a grader call: part of the cassette key. */
  regrade?: number;
  /** The suite the call belongs to: selects its cassette file. */
  suite?: string;
}

/** One attempt as the client sends it. */
export interface TransportRequest {
  /** The endpoint's whole URL, e.g. `https://api.aimlapi.com/v1/chat/completions`. */
  url: string;
  headers: Record<string, string>;
  /** The JSON body as sent. */
  body: string;
  /** The same body as an object: the cassette layer keys recordings by it. */
  request: GatewayRequest;
  context: CallContext;
  /** The run's Ctrl-C. */
  signal?: AbortSignal;
  /**
   * How long the attempt may take, answer and body: the network's business (a transport that
   * opens a connection cuts it with a `TimeoutError` when the time is up).
   */
  timeoutMs: number;
}

/** Timing a cassette recorded, reported in place of the (instant) replay's own. */
export interface RecordedTiming {
  durationMs: number;
  /** Time to first token of a recorded stream. */
  ttftMs: number | null;
}

/** What an attempt came back with: an HTTP response, or no recording to answer from. */
export type TransportReply =
  | {
      type: 'response';
      response: Response;
      /** Set when the response came from (or was just written to) a cassette. */
      recorded?: RecordedTiming;
      /** True for a response replayed from a cassette: it is never retried. */
      replayed: boolean;
      /**
       * Called once the attempt is over: ends its timer, and with `abandoned` (the body was given
       * up before its end) cuts the rest of the response.
       */
      finish?: (abandoned: boolean) => void;
    }
  | {
      type: 'cassette-miss';
      /** `expired`: a recording exists but is older than `--max-age`. */
      reason: 'missing' | 'expired';
      /** Which test, which cassette, how to re-record, and the nearest recording's diff. */
      message: string;
    };

/** Carries the client's attempts. Network faults and aborts reject, as fetch does. */
export interface Transport {
  send(request: TransportRequest): Promise<TransportReply>;
  /** Releases what the transport holds (interceptors, recordings to write). Idempotent. */
  close(): Promise<void>;
}

/**
 * The network: Node's own fetch (undici, connections kept alive), looked up at call time so that
 * nock, when a test installs it, intercepts the call. Each attempt gets one AbortController,
 * aborted by its timer (a `TimeoutError`) or by the run's Ctrl-C; `finish()` ends the timer and
 * cuts whatever of the response was not read.
 */
export function fetchTransport(): Transport {
  return {
    async send({ url, headers, body, signal, timeoutMs }) {
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError')),
        timeoutMs,
      );
      // The request itself keeps the process alive while it runs; the timer must not, if an
      // attempt were ever left unfinished.
      timer.unref();
      const onAbort = () => controller.abort(signal?.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (abandoned: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        // A body given up half way (too large) is cut, not drained to keep the connection.
        if (abandoned)
          controller.abort(new DOMException('the rest of the answer is not wanted', 'AbortError'));
      };
      try {
        const response = await globalThis.fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: controller.signal,
          redirect: 'error',
        });
        return { type: 'response', response, replayed: false, finish };
      } catch (err) {
        finish(true);
        throw err;
      }
    },
    async close() {},
  };
}
