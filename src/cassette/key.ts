import { createHash } from 'node:crypto';
import type { EmbeddingsRequest, GatewayRequest } from '../contracts/chat.js';

/** The endpoint a key is taken over; the base URL is deliberately not part of it. */
const endpoint = { method: 'POST', path: '/chat/completions' } as const;
const embeddingsEndpoint = { method: 'POST', path: '/embeddings' } as const;

/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so two requests
 * that differ only in key order (or in a param left undefined) are the same request.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * Hash of the canonical request: method, path, JSON body with sorted keys (model, messages,
 * params), sample index, and the re-grading sample of `qeval judge-check` when there is one (0 or
 * absent leaves the key as the run made it); never headers or base URL. 32 hex digits (128 bits).
 */
export function requestKey(request: GatewayRequest, sample: number, regrade = 0): string {
  const { method, path } = isEmbeddingsRequest(request) ? embeddingsEndpoint : endpoint;
  const again = regrade > 0 ? `\nregrade ${regrade}` : '';
  const canonical = `${method} ${path}\n${canonicalJson(request)}\n${sample}${again}`;
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** A deep copy with object keys sorted, for files that read well as diffs. */
export function sortKeysDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeysDeep) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeysDeep(v);
  }
  return out as T;
}

/** Whether a body is an embeddings request (it has `input`, no `messages`). */
export function isEmbeddingsRequest(request: GatewayRequest): request is EmbeddingsRequest {
  return !Array.isArray((request as { messages?: unknown }).messages) && Array.isArray(request.input);
}

/** A request's first message (or first text, for embeddings), canonical: near-miss search groups by it. */
export function firstMessageOf(request: GatewayRequest): string {
  return canonicalJson(isEmbeddingsRequest(request) ? request.input[0] : request.messages?.[0]);
}
