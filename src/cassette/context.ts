/** The call context the client sends in `x-qeval-*` headers (see provider/wire-headers.ts). */
import type { ChatRequest } from '../provider/types.js';
import { ContextHeader, decodeCallContext } from '../provider/wire-headers.js';

export interface CallContext {
  sample: number;
  suite?: string;
  caseId?: string;
  purpose: 'test' | 'grader';
}

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(bag: HeaderBag, name: string): string | undefined {
  if (typeof (bag as Headers).get === 'function') return (bag as Headers).get(name) ?? undefined;
  const v = (bag as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads the context from a fetch `Headers` or a node request's header object. */
export function readContext(bag: HeaderBag): CallContext {
  return decodeCallContext(header(bag, ContextHeader.call));
}

/** The precomputed key an auto-mode hit carries to the interceptor. */
export function replayKeyOf(bag: HeaderBag): string | undefined {
  return header(bag, ContextHeader.replayKey);
}

/** Parses a request body that should be a chat request; undefined when it is not one. */
export function parseRequest(body: unknown): ChatRequest | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== 'object' || typeof (value as ChatRequest).model !== 'string')
    return undefined;
  return value as ChatRequest;
}
