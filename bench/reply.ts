/**
 * The nock floor's reply: a typical recorded response, taken from a cassette the benchmark
 * recorded (the first entry with a 200 chat.completion body), else one built like the
 * simulator's.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ANSWERS } from './generate.js';

export interface FloorReply {
  body: string;
  headers: Record<string, string>;
  /** Where the body came from. */
  source: string;
}

function fallback(): FloorReply {
  const content = `${ANSWERS.en} (en-000001)`;
  const body = {
    id: 'chatcmpl-0123456789abcdef',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'qwen-max',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 18, completion_tokens: 17, total_tokens: 35 },
    meta: { usage: { credits_used: 138, usd_spent: 0.000138 } },
  };
  return {
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-inference-id': 'inf-0123456789ab',
      'x-aimlapi-usd-spent': '0.000138',
      'x-aimlapi-credits-used': '138',
    },
    source: 'built (no cassette found)',
  };
}

/** Depth-first search for the first object that looks like a recorded chat completion. */
function findCompletion(node: unknown, depth = 0): { body: unknown; headers: unknown } | null {
  if (depth > 8 || node === null || typeof node !== 'object') return null;
  const o = node as Record<string, unknown>;
  let body: unknown = o.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = undefined;
    }
  }
  if (body && typeof body === 'object' && (body as { object?: unknown }).object === 'chat.completion') {
    return { body, headers: o.headers };
  }
  for (const v of Array.isArray(node) ? node : Object.values(o)) {
    const hit = findCompletion(v, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** Reads the first cassette under `suiteDir/__cassettes__`, writes the reply to `file`. */
export async function floorReply(suiteDir: string, file: string): Promise<FloorReply> {
  let reply = fallback();
  try {
    const dir = join(suiteDir, '__cassettes__');
    const name = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()[0];
    if (name) {
      const hit = findCompletion(JSON.parse(await readFile(join(dir, name), 'utf8')));
      if (hit) {
        const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
        if (hit.headers && typeof hit.headers === 'object') {
          for (const [k, v] of Object.entries(hit.headers as Record<string, unknown>)) {
            // The body is re-serialised, so framing headers of the recording would lie.
            if (/^(content-length|transfer-encoding|connection|keep-alive|date)$/i.test(k)) continue;
            if (typeof v === 'string') headers[k.toLowerCase()] = v;
            else if (Array.isArray(v) && typeof v[0] === 'string') headers[k.toLowerCase()] = v.join(', ');
          }
        }
        reply = { body: JSON.stringify(hit.body), headers, source: `cassette ${name}` };
      }
    }
  } catch {
    // No cassette yet: the built reply is the same shape.
  }
  await writeFile(file, JSON.stringify(reply));
  return reply;
}
