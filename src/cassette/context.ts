/** The call context the client sends in `x-qeval-*` headers (see provider/wire-headers.ts). */
import type { ChatRequest } from '../provider/types.js';
import { ContextHeader, decodeCallContext, headerOf } from '../provider/wire-headers.js';

export interface CallContext {
  sample: number;
  suite?: string;
  caseId?: string;
  purpose: 'test' | 'grader';
}

/** A fetch `init.headers` (`Headers`, pairs or a plain object) or a node request's header object. */
type HeaderBag = HeadersInit | Record<string, string | string[] | undefined>;

function header(bag: HeaderBag, name: string): string | undefined {
  if (bag instanceof Headers || Array.isArray(bag)) return headerOf(bag, name);
  // Node's request headers and the client's own object use lower-case names.
  const v = bag[name];
  if (v !== undefined) return Array.isArray(v) ? v[0] : v;
  return headerOf(bag as Record<string, string>, name);
}

/** Reads the context from a fetch's headers or a node request's header object. */
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
