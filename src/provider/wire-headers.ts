/**
 * The headers the client sends, and qeval's internal routing headers.
 *
 * Design: the cassette key must come from what the HTTP layer sees, yet the sample index, the
 * suite and the purpose are not part of the gateway's body. The client therefore sends them as
 * `x-qeval-*` request headers. The single nock interceptor of a replay reads them from
 * `this.req.headers`; every fetch that can reach the network (record, auto, live, and the
 * client's default) strips them first, so the gateway never sees them. Replayed responses carry
 * `x-qeval-*` response headers (recorded duration, time to first token, hit/miss), which only a
 * cassette can produce.
 */

/** Request headers read by the cassette layer. */
export const ContextHeader = {
  sample: 'x-qeval-sample',
  suite: 'x-qeval-suite',
  purpose: 'x-qeval-purpose',
  caseId: 'x-qeval-case',
  /** Set by the auto-mode fetch on a hit: the precomputed key, so the interceptor answers it. */
  replayKey: 'x-qeval-replay-key',
} as const;

/** Response headers a replay adds. */
export const ReplayHeader = {
  /** `hit`, `miss` or `expired`. */
  cassette: 'x-qeval-cassette',
  durationMs: 'x-qeval-recorded-duration-ms',
  ttftMs: 'x-qeval-recorded-ttft-ms',
} as const;

const internalPrefix = 'x-qeval-';

/** A copy of `headers` without qeval's internal headers, for anything sent to the network. */
export function stripContextHeaders(headers: Headers): Headers {
  const out = new Headers();
  headers.forEach((value, name) => {
    if (!name.startsWith(internalPrefix)) out.set(name, value);
  });
  return out;
}

/**
 * `X-Client-Request-Id` allows 1–128 of `[A-Za-z0-9._:-]` (FACTS.md). Case ids contain `/` and
 * `#`, so they map to `:` and `.`; anything else becomes `_`.
 */
export function sanitiseRequestId(caseId: string): string {
  const mapped = caseId
    .replace(/\//g, ':')
    .replace(/#/g, '.')
    .replace(/[^A-Za-z0-9._:-]/g, '_');
  const id = mapped.length > 128 ? mapped.slice(0, 128) : mapped;
  return id === '' ? 'qeval' : id;
}

/** Header values must be ByteStrings: non-ASCII case ids and suite names travel URI-encoded. */
export function encodeHeaderValue(value: string): string {
  return encodeURIComponent(value);
}

/** The inverse of {@link encodeHeaderValue}; tolerant of values that were never encoded. */
export function decodeHeaderValue(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
