/**
 * Recording: hands a network response on unchanged and stores what it saw as a cassette entry:
 * the body when it is read in full, or each SSE chunk with its arrival time as the client reads
 * the stream.
 */

import type { GatewayRequest } from '../contracts/chat.js';
import { scrubValue } from '../provider/secret.js';
import { SseParser, StreamAccumulator } from '../provider/sse.js';
import type { CallContext, RecordedTiming } from '../provider/transport.js';
import { sortKeysDeep } from './key.js';
import { safeHeaders, scrubAcrossChunks } from './redact.js';
import type { CassetteEntry, RecordedChunk, RecordedResponse } from './types.js';

export interface RecordTarget {
  key: string;
  request: GatewayRequest;
  ctx: CallContext;
  apiKey?: string;
  /** Called once the whole response has been seen. */
  store: (entry: CassetteEntry) => void;
}

/** Auth failures are not test data: recording them would replay a broken key forever. */
const notRecorded = new Set([401, 403, 407]);

/**
 * Records `res`, the answer to a request sent at `started` (performance.now()). Returns the
 * response to read instead, and for a whole body the duration its replays will report.
 */
export async function recordResponse(
  res: Response,
  started: number,
  target: RecordTarget,
): Promise<{ response: Response; recorded?: RecordedTiming }> {
  if (notRecorded.has(res.status)) return { response: res };
  const headers = safeHeaders(res.headers, target.apiKey);
  const passOn = passHeaders(res.headers);
  const entryOf = (response: RecordedResponse, model: string | null): CassetteEntry => ({
    key: target.key,
    purpose: target.ctx.purpose,
    case_id: target.ctx.caseId,
    sample: target.ctx.sample,
    ...(target.ctx.step !== undefined ? { step: target.ctx.step } : {}),
    request: scrubValue(sortKeysDeep(target.request), target.apiKey),
    response,
    recorded_at: new Date().toISOString(),
    model,
    duration_ms: round(performance.now() - started),
  });

  if ((res.headers.get('content-type') ?? '').includes('text/event-stream') && res.body) {
    const chunks: RecordedChunk[] = [];
    const decoder = new TextDecoder();
    let stored = false;
    const finish = () => {
      if (stored) return;
      stored = true;
      const whole = scrubAcrossChunks(
        chunks.map((c) => c.data),
        target.apiKey,
      );
      whole.forEach((data, i) => {
        chunks[i]!.data = data;
      });
      target.store(entryOf({ status: res.status, headers, chunks }, streamModel(chunks)));
    };
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const data = scrubValue(decoder.decode(chunk, { stream: true }), target.apiKey);
        chunks.push({ t: round(performance.now() - started), data });
        // The client stops reading at [DONE] and cancels the stream, so flush() may never run.
        if (data.includes('[DONE]')) finish();
        controller.enqueue(chunk);
      },
      flush() {
        const tail = decoder.decode();
        if (tail !== '') chunks.push({ t: round(performance.now() - started), data: tail });
        finish();
      },
    });
    const response = new Response(res.body.pipeThrough(tap), {
      status: res.status,
      statusText: res.statusText,
      headers: passOn,
    });
    return { response };
  }

  const text = await res.text();
  const body = jsonOrText(text);
  const model =
    body !== null && typeof body === 'object' && typeof (body as { model?: unknown }).model === 'string'
      ? (body as { model: string }).model
      : null;
  const entry = entryOf({ status: res.status, headers, body: scrubValue(body, target.apiKey) }, model);
  target.store(entry);
  // The recording run reports the latency its replays will.
  return {
    response: new Response(text, { status: res.status, statusText: res.statusText, headers: passOn }),
    recorded: { durationMs: entry.duration_ms, ttftMs: null },
  };
}

/** A JSON object or list is stored as JSON (readable in review); anything else as text. */
function jsonOrText(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The body was decoded by fetch: length and encoding headers no longer describe it. */
function passHeaders(headers: Headers): Headers {
  const out = new Headers(headers);
  out.delete('content-encoding');
  out.delete('content-length');
  return out;
}

function streamModel(chunks: RecordedChunk[]): string | null {
  const parser = new SseParser();
  const acc = new StreamAccumulator();
  try {
    for (const c of chunks) for (const p of parser.feed(c.data)) acc.push(p);
    for (const p of parser.end()) acc.push(p);
  } catch {
    return null;
  }
  return acc.result().model;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
