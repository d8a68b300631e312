import type {
  CallPurpose,
  ChatRequest,
  Embeddings,
  EmbeddingsRequest,
  ModelResponse,
} from '../contracts/chat.js';
export interface CallOptions {
  /** The case id; sent sanitised as X-Client-Request-Id and used to explain cassette misses. */
  caseId: string;
  /** Sample index for `repeat`, part of the cassette key. */
  sample: number;
  purpose: CallPurpose;
  /** The model call of a tool loop or conversation (1-based); absent for a case's only call. */
  step?: number;
  /** `qeval judge-check`'s re-grading sample of a grader call (see CallContext.regrade). */
  regrade?: number;
  /** Name of the suite the call belongs to: selects its cassette file. */
  suite?: string;
  signal?: AbortSignal;
}

/** Events the client emits so the CLI can show waiting and retries. */
export type ClientEvent =
  | { type: 'retry'; caseId: string; attempt: number; delay_ms: number; reason: string; status?: number }
  | { type: 'rate-limited'; caseId: string; delay_ms: number };

/** What the runner and model-graded assertions call. */
export interface ChatClient {
  /**
   * Sends one request (with retries). Resolves with the normalised response; rejects with a
   * `ProviderError` (per-case, becomes data) or an `AuthError` (stops the run).
   */
  complete(request: ChatRequest, options: CallOptions): Promise<ModelResponse>;
  /**
   * Embeds texts through `POST {base}/embeddings`, in batches (each batch one request, one
   * cassette entry), with the same slots, retries and limits as `complete`. Optional so that
   * fakes of the chat client stay valid.
   */
  embed?(request: EmbeddingsRequest, options: CallOptions): Promise<Embeddings>;
}
