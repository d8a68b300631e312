/**
 * Embeddings through the gateway's `POST {base}/embeddings`, the OpenAI-compatible shape:
 * `{ model, input: string[] }` → `{ data: [{ embedding, index }], usage }`. One attempt is read
 * here; the client wraps it in the same slots, retries and limits as a chat call.
 */
import type { Embeddings, EmbeddingsRequest } from '../contracts/chat.js';
import {
  type AttemptFailure,
  type AttemptInput,
  malformed,
  readText,
  sendOnce,
  statusFailure,
} from './attempt.js';
import { costOf } from './cost.js';
import { scrubSecret } from './secret.js';

/** Texts per request: small enough for any gateway's limit, large enough to keep requests few. */
export const defaultEmbeddingsBatch = 64;

/** One embeddings request's answer. */
export type EmbeddingsOutcome = { ok: true; response: Embeddings } | AttemptFailure;

/** Sends one embeddings request once. Never throws: every failure is a classified outcome. */
export function attemptEmbeddings(input: AttemptInput): Promise<EmbeddingsOutcome> {
  return sendOnce(input, async ({ response: res, replayed }) => {
    const text = await readText(res, input.maxResponseBytes);
    if (res.status < 200 || res.status >= 300) {
      // An error body may quote the request, key included (as for chat calls).
      return statusFailure(res, scrubSecret(text, input.apiKey), input, replayed);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return malformed(
        `the embeddings endpoint answered ${res.status} with a body that is not valid JSON`,
        text,
        input,
      );
    }
    const parsed = readEmbeddings(body, (input.call.request as EmbeddingsRequest).input.length);
    if (typeof parsed === 'string') return malformed(parsed, text, input);
    const usage = parsed.usage;
    const cost = costOf(
      res.headers.get('x-aimlapi-usd-spent'),
      null,
      usage && { prompt_tokens: usage.prompt_tokens, completion_tokens: 0, total_tokens: usage.total_tokens },
      [input.call.request.model, parsed.model],
      input.prices,
    );
    return {
      ok: true as const,
      response: { ...parsed, cost_usd: cost.cost_usd, source: replayed ? 'cassette' : 'live' },
    };
  });
}

/** The vectors in input order, or what is wrong with the body. */
function readEmbeddings(body: unknown, expected: number): Omit<Embeddings, 'cost_usd' | 'source'> | string {
  const b = body as {
    data?: unknown;
    model?: unknown;
    usage?: { prompt_tokens?: unknown; total_tokens?: unknown };
  };
  if (!b || !Array.isArray(b.data)) return 'the embeddings answer has no "data" list';
  const vectors: number[][] = new Array(expected);
  for (const [i, item] of b.data.entries()) {
    const e = item as { embedding?: unknown; index?: unknown };
    const index = typeof e?.index === 'number' ? e.index : i;
    if (!Array.isArray(e?.embedding) || !e.embedding.every((x) => typeof x === 'number')) {
      return `embedding ${index} is not a list of numbers`;
    }
    if (!Number.isInteger(index) || index < 0 || index >= expected)
      return `embedding index ${index} is out of range`;
    vectors[index] = e.embedding as number[];
  }
  const count = vectors.filter(Boolean).length;
  if (count !== expected) return `the embeddings answer has ${count} vectors for ${expected} texts`;
  const prompt = Number(b.usage?.prompt_tokens);
  const total = Number(b.usage?.total_tokens ?? prompt);
  return {
    vectors,
    model: typeof b.model === 'string' ? b.model : null,
    usage: Number.isFinite(prompt)
      ? { prompt_tokens: prompt, total_tokens: Number.isFinite(total) ? total : prompt }
      : null,
  };
}

/** Splits a request into batches of at most `size` texts, sends each, and joins the answers in order. */
export async function embedInBatches(
  request: EmbeddingsRequest,
  size: number,
  send: (batch: EmbeddingsRequest) => Promise<Embeddings>,
): Promise<Embeddings> {
  const batches: EmbeddingsRequest[] = [];
  for (let i = 0; i < request.input.length; i += size) {
    batches.push({ ...request, input: request.input.slice(i, i + size) });
  }
  const answers = await Promise.all(batches.map(send));
  const sum = (pick: (e: Embeddings) => number | null | undefined): number | null =>
    answers.every((a) => typeof pick(a) === 'number') ? answers.reduce((s, a) => s + pick(a)!, 0) : null;
  const prompt = sum((a) => a.usage?.prompt_tokens);
  const total = sum((a) => a.usage?.total_tokens);
  return {
    vectors: answers.flatMap((a) => a.vectors),
    model: answers[0]?.model ?? null,
    usage: prompt === null || total === null ? null : { prompt_tokens: prompt, total_tokens: total },
    cost_usd: sum((a) => a.cost_usd),
    source: answers.every((a) => a.source === 'cassette') ? 'cassette' : 'live',
  };
}
