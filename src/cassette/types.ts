/**
 * The cassette file: a PUBLIC, versioned contract. Cassettes are committed beside suites and
 * reviewed as diffs, so fields are only ever added; a breaking change bumps `version`.
 */
import type { CallPurpose, GatewayRequest } from '../contracts/chat.js';

export const cassetteVersion = 1;

/** One streamed network chunk and when it arrived, in ms since the request was sent. */
export interface RecordedChunk {
  t: number;
  data: string;
}

/** What the gateway answered, minus anything secret. */
export interface RecordedResponse {
  status: number;
  /** A safe subset: content-type, x-inference-id, x-aimlapi-usd-spent, x-aimlapi-credits-used, retry-after. */
  headers: Record<string, string>;
  /** The body: a JSON value when it was JSON, else the text. Absent for streams. */
  body?: unknown;
  /** Server-sent events, chunk by chunk, for `stream: true`. */
  chunks?: RecordedChunk[];
}

export interface CassetteEntry {
  /** {@link requestKey} of the request and sample. */
  key: string;
  purpose: CallPurpose;
  /** The case that recorded it (explains misses; groups entries per test). */
  case_id: string;
  sample: number;
  /**
   * The model call of the case it was (1-based) in a tool loop or conversation; absent for a
   * case's only call. Each step's request holds the history so far, so each has its own key.
   */
  step?: number;
  /** The request body as sent, with the key scrubbed. */
  request: GatewayRequest;
  response: RecordedResponse;
  /** ISO time of recording; `--max-age` compares against it. */
  recorded_at: string;
  /** The model id the gateway answered with. */
  model: string | null;
  /** Wall time of the call; replay reports it as the latency. */
  duration_ms: number;
}

export interface CassetteFile {
  version: typeof cassetteVersion;
  suite: string;
  /** Provenance, e.g. "Recorded against qeval's loopback simulator, not the real API". */
  note?: string;
  /** Keyed by entry key; written sorted by key. */
  entries: Record<string, CassetteEntry>;
}
