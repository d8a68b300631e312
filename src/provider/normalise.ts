import type { ToolCall, Usage } from '../contracts/chat.js';
import { readUsage } from './sse.js';
import { normaliseToolCalls } from './tool-calls.js';

/** The fields of a non-streamed completion body that a response is built from. */
export interface CompletionParts {
  output: string;
  finish_reason: string | null;
  model: string | null;
  usage: Usage | null;
  usd_spent: number | null;
  tool_calls?: ToolCall[];
}

/** Why a 2xx body is not a usable completion (becomes a `malformed` error with a snippet). */
export class MalformedBody extends Error {}

/**
 * Reads a `chat.completion` body. Throws {@link MalformedBody} for anything without a first
 * choice carrying a message: that is an error case, not an empty answer.
 */
export function readCompletion(body: unknown): CompletionParts {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new MalformedBody('the response body is not a JSON object');
  }
  const b = body as Record<string, unknown>;
  const choices = b.choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new MalformedBody('the response has no choices');
  }
  const first = choices[0] as {
    message?: { content?: unknown; tool_calls?: unknown };
    finish_reason?: unknown;
  };
  if (first === null || typeof first !== 'object' || first.message === undefined) {
    throw new MalformedBody('the first choice has no message');
  }
  const parts: CompletionParts = {
    output: contentText(first.message.content),
    finish_reason: typeof first.finish_reason === 'string' ? first.finish_reason : null,
    model: typeof b.model === 'string' ? b.model : null,
    usage: readUsage(b.usage),
    usd_spent: numberOrNull((b.meta as { usage?: { usd_spent?: unknown } } | undefined)?.usage?.usd_spent),
  };
  if (Array.isArray(first.message.tool_calls) && first.message.tool_calls.length > 0) {
    parts.tool_calls = normaliseToolCalls(first.message.tool_calls);
  }
  return parts;
}

/** Message content is a string or a list of text parts (FACTS.md). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) =>
        p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string'
          ? (p as { text: string }).text
          : '',
      )
      .join('');
  }
  return '';
}

function numberOrNull(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}
