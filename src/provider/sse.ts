/**
 * Server-sent events of a streamed chat completion: `data: {chunk}` events separated by blank
 * lines, a final chunk with `usage` (and `meta.usage`), then `data: [DONE]`. Network chunks split
 * events anywhere, so the parser keeps the unfinished tail between feeds.
 */

import type { ToolCall } from '../contracts/chat.js';
import { ToolCallAssembler } from './tool-calls.js';

/** The most one event (its unfinished line plus its data lines) may hold, in UTF-16 code units. */
export const maxEventChars = 1024 * 1024;

/** Thrown when one event grows past {@link maxEventChars}: the stream is read no further. */
export class SseEventTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`a streamed event is larger than ${limit / (1024 * 1024)} MB`);
  }
}

/**
 * Splits a text stream into the `data` payloads of its events. Each character is looked at once
 * (the unfinished tail is not rescanned when more text arrives), and an event that outgrows
 * `maxChars` throws {@link SseEventTooLarge}: whatever a server sends, the parser holds at most
 * one event.
 */
export class SseParser {
  /** Pieces of the unfinished line, joined only once its newline arrives. */
  private tail: string[] = [];
  private tailChars = 0;
  private data: string[] = [];
  private dataChars = 0;

  constructor(private readonly maxChars = maxEventChars) {}

  /** Adds text; returns the payloads of the events it completed. */
  feed(text: string): string[] {
    const out: string[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let line = text.slice(start, nl);
      if (this.tail.length > 0) {
        line = this.tail.join('') + line;
        this.tail = [];
        this.tailChars = 0;
      }
      if (line.endsWith('\r')) line = line.slice(0, -1);
      start = nl + 1;
      this.line(line, out);
    }
    if (start < text.length) {
      this.tail.push(text.slice(start));
      this.tailChars += text.length - start;
      this.checkSize();
    }
    return out;
  }

  /** Ends the stream: a last event without its blank line still counts. */
  end(): string[] {
    const out: string[] = [];
    if (this.tail.length > 0) this.line(this.tail.join('').replace(/\r$/, ''), out);
    this.tail = [];
    this.tailChars = 0;
    this.line('', out);
    return out;
  }

  private checkSize(): void {
    if (this.tailChars + this.dataChars > this.maxChars) throw new SseEventTooLarge(this.maxChars);
  }

  private line(line: string, out: string[]): void {
    if (line === '') {
      if (this.data.length > 0) out.push(this.data.join('\n'));
      this.data = [];
      this.dataChars = 0;
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
    this.dataChars += value.length;
    this.checkSize();
  }
}

/** What a finished stream adds up to, before cost and timing are attached. */
export interface StreamResult {
  output: string;
  finish_reason: string | null;
  model: string | null;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  usd_spent: number | null;
  tool_calls?: ToolCall[];
  done: boolean;
  /** Events that carried a chunk. */
  chunks: number;
  /** An `error` object sent in the stream, if any. */
  error?: string;
}

/** Thrown when an event's payload is not JSON. */
export class SseChunkError extends Error {
  constructor(readonly payload: string) {
    super('a streamed chunk is not valid JSON');
  }
}

/** Folds `chat.completion.chunk` payloads into one response. */
export class StreamAccumulator {
  private readonly parts: string[] = [];
  private readonly tools = new ToolCallAssembler();
  private finish: string | null = null;
  private model: string | null = null;
  private usage: StreamResult['usage'] = null;
  private usd: number | null = null;
  private chunkCount = 0;
  private error: string | undefined;
  /** True once [DONE] arrived. */
  done = false;

  /** Adds one event payload; returns true when it carried content (for time to first token). */
  push(payload: string): boolean {
    if (payload.trim() === '[DONE]') {
      this.done = true;
      return false;
    }
    let chunk: Record<string, unknown>;
    try {
      chunk = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      throw new SseChunkError(payload);
    }
    this.chunkCount++;
    if (chunk.error !== undefined) {
      const e = chunk.error as { message?: unknown } | string;
      this.error = typeof e === 'string' ? e : String(e?.message ?? JSON.stringify(e));
    }
    if (typeof chunk.model === 'string') this.model = chunk.model;
    const usage = readUsage(chunk.usage);
    if (usage) this.usage = usage;
    const usd = (chunk.meta as { usage?: { usd_spent?: unknown } } | undefined)?.usage?.usd_spent;
    if (typeof usd === 'number') this.usd = usd;
    let content = false;
    const choices = Array.isArray(chunk.choices) ? (chunk.choices as Array<Record<string, unknown>>) : [];
    for (const choice of choices) {
      if ((choice.index ?? 0) !== 0) continue;
      const delta = (choice.delta ?? {}) as { content?: unknown; tool_calls?: unknown };
      if (typeof delta.content === 'string' && delta.content !== '') {
        this.parts.push(delta.content);
        content = true;
      }
      if (Array.isArray(delta.tool_calls)) {
        for (const t of delta.tool_calls) this.tools.push(t);
        content = true;
      }
      if (typeof choice.finish_reason === 'string') this.finish = choice.finish_reason;
    }
    return content;
  }

  result(): StreamResult {
    const out: StreamResult = {
      output: this.parts.join(''),
      finish_reason: this.finish,
      model: this.model,
      usage: this.usage,
      usd_spent: this.usd,
      done: this.done,
      chunks: this.chunkCount,
    };
    if (this.tools.size > 0) {
      out.tool_calls = this.tools.result();
    }
    if (this.error !== undefined) out.error = this.error;
    return out;
  }
}

/** `usage` of a body or chunk when it has the three token counts. */
export function readUsage(value: unknown): StreamResult['usage'] {
  if (value === null || typeof value !== 'object') return null;
  const u = value as Record<string, unknown>;
  const p = u.prompt_tokens;
  const c = u.completion_tokens;
  if (typeof p !== 'number' || typeof c !== 'number') return null;
  const t = typeof u.total_tokens === 'number' ? u.total_tokens : p + c;
  return { prompt_tokens: p, completion_tokens: c, total_tokens: t };
}
