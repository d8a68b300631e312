/**
 * The chat-completions endpoint's wire shapes and the normalised answer every step reads
 * (see shared/aiml/FACTS.md).
 */

/** Wire and normalised shapes of the chat-completions endpoint (see shared/aiml/FACTS.md). */

export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** A tool call as the wire carries it on an assistant message (OpenAI function format). */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A function the model may call: the request's `tools` entries. */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
}

export interface ChatMessage {
  role: Role;
  /** `null` only on an assistant message that carries `tool_calls` and no text. */
  content: string | Array<{ type: 'text'; text: string }> | null;
  name?: string;
  /** On a `tool` message: the call it answers. */
  tool_call_id?: string;
  /** On an assistant message: the calls the model made. */
  tool_calls?: WireToolCall[];
}

/** A message's text: the string itself, or its text parts joined. */
export function messageText(content: ChatMessage['content']): string {
  return typeof content === 'string' ? content : (content ?? []).map((p) => p.text).join('');
}

/** The text of the last user message ('' when there is none): what the model was last asked. */
export function lastUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user') return messageText(m.content);
  }
  return '';
}

/**
 * A tool call of an answer, normalised from a whole or a streamed response. `arguments` is the
 * string the model generated: it may not be valid JSON.
 */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** The JSON body sent to `POST {base}/chat/completions`: model, messages and request params. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  [param: string]: unknown;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Where a response came from. */
export type ResponseSource = 'live' | 'cassette';

/**
 * Who a model call is for: the test's model, a grader of its answer, or the simulated user of a
 * `simulate:` test (SPEC §10). Cassette entries keep it, so each kind is told apart in a miss.
 */
export type CallPurpose = 'test' | 'grader' | 'simulated-user';

/** A model's answer, normalised from a JSON or a streamed (SSE) response. */
export interface ModelResponse {
  /** The first choice's message content ('' when the model returned none). */
  output: string;
  finish_reason: string | null;
  /** The model id the gateway answered with. */
  model: string | null;
  usage: Usage | null;
  /** Cost of the call in USD, from the gateway when it says, else from the price table. */
  cost_usd: number | null;
  cost_source: 'header' | 'body' | 'price-table' | null;
  /** Wall time of the call; in replay the recorded duration. */
  latency_ms: number;
  /** Time to first token for streamed calls. */
  ttft_ms: number | null;
  inference_id: string | null;
  source: ResponseSource;
  /** The calls the model made (finish_reason `tool_calls`), in order; absent when none. */
  tool_calls?: ToolCall[];
}

/** Why a call gave no usable response. Stored on the case; never thrown past the runner. */
export type ProviderErrorKind =
  | 'http' // a non-retryable or exhausted HTTP error status
  | 'network' // reset, refused, DNS
  | 'timeout'
  | 'malformed' // broken JSON, HTML page, no choices
  | 'too-large' // a body past max_response_bytes or an SSE event past 1 MB
  | 'retired-model' // 404 for the model
  | 'cassette-miss'
  | 'cassette-expired'
  | 'aborted'
  | 'grader';

/**
 * The JSON body sent to `POST {base}/embeddings` (the OpenAI-compatible shape): one text or a
 * batch of them.
 */
export interface EmbeddingsRequest {
  model: string;
  input: string[];
  [param: string]: unknown;
}

/** The vectors of an embeddings call, in the order of its `input`, with usage and cost summed over its batches. */
export interface Embeddings {
  vectors: number[][];
  model: string | null;
  usage: { prompt_tokens: number; total_tokens: number } | null;
  cost_usd: number | null;
  source: ResponseSource;
}

/** Any body qeval sends to the gateway (what a cassette entry records as its request). */
export type GatewayRequest = ChatRequest | EmbeddingsRequest;
