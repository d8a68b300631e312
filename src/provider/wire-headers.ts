/**
 * The headers the client sends, and qeval's internal routing headers.
 *
 * Design: the cassette key must come from what the HTTP layer sees, yet the sample index, the
 * suite and the purpose are not part of the gateway's body. The client therefore sends them in one
 * `x-qeval-call` request header, but only when it is handed a fetch (the cassette layer's). The
 * single nock interceptor of a replay reads them from `this.req.headers`; every fetch that can
 * reach the network (record, auto) strips them first, and a client on its default fetch (live)
 * never adds them, so the gateway never sees them. Replayed responses carry an
 * `x-qeval-replay` header (hit/miss, recorded duration, time to first token), which only a
 * cassette can produce.
 */

/** Request headers read by the cassette layer. */
export const ContextHeader = {
  /** The call context, see {@link encodeCallContext}. One header, not four: each header costs. */
  call: 'x-qeval-call',
  /** Set by the auto-mode fetch on a hit: the precomputed key, so the interceptor answers it. */
  replayKey: 'x-qeval-replay-key',
} as const;

/** The response header a replay adds: `hit;d=<duration ms>[;t=<ttft ms>]`, `miss` or `expired`. */
export const ReplayHeader = 'x-qeval-replay';

/** What a call carries for the cassette layer. */
export interface CallContextWire {
  sample: number;
  purpose: 'test' | 'grader';
  suite?: string;
  caseId?: string;
}

/**
 * `<sample>;<purpose>;<suite>;<case id>`, the names URI-encoded: header values must be ASCII
 * and `;` cannot occur in an encoded name.
 */
export function encodeCallContext(ctx: CallContextWire): string {
  const suite = ctx.suite === undefined ? '' : encodeURIComponent(ctx.suite);
  const caseId = ctx.caseId === undefined ? '' : encodeURIComponent(ctx.caseId);
  return `${ctx.sample};${ctx.purpose};${suite};${caseId}`;
}

/** The inverse of {@link encodeCallContext}; a missing or odd header gives sample 0, purpose test. */
export function decodeCallContext(value: string | undefined): CallContextWire {
  const [sample = '0', purpose = 'test', suite = '', caseId = ''] = (value ?? '').split(';');
  const n = Number(sample);
  const ctx: CallContextWire = {
    sample: Number.isInteger(n) ? n : 0,
    purpose: purpose === 'grader' ? 'grader' : 'test',
  };
  if (suite !== '') ctx.suite = safeDecode(suite);
  if (caseId !== '') ctx.caseId = safeDecode(caseId);
  return ctx;
}

/** A replay's timing header value. */
export function encodeReplayHit(durationMs: number, ttftMs: number | null): string {
  return ttftMs === null ? `hit;d=${durationMs}` : `hit;d=${durationMs};t=${ttftMs}`;
}

/**
 * A live response just recorded carries the duration the cassette stores, `rec;d=<ms>`, so the
 * recording run reports the same latency its replays will.
 */
export function encodeRecorded(durationMs: number): string {
  return `rec;d=${durationMs}`;
}

/** Reads the replay header: undefined for a live response that was not recorded. */
export function decodeReplay(
  value: string | null,
):
  | { kind: 'hit' | 'recorded'; durationMs: number | null; ttftMs: number | null }
  | { kind: 'miss' | 'expired' }
  | undefined {
  if (value === null) return undefined;
  if (value === 'miss' || value === 'expired') return { kind: value };
  const kind = value.startsWith('rec') ? 'recorded' : 'hit';
  let durationMs: number | null = null;
  let ttftMs: number | null = null;
  for (const part of value.split(';')) {
    if (part.startsWith('d=')) durationMs = finite(part.slice(2));
    else if (part.startsWith('t=')) ttftMs = finite(part.slice(2));
  }
  return { kind, durationMs, ttftMs };
}

function finite(s: string): number | null {
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const internalPrefix = 'x-qeval-';

/**
 * A copy of `headers` without qeval's internal headers, for anything sent to the network. A plain
 * object, not a `Headers`: fetch takes one as it is, and building a `Headers` per call costs.
 */
export function stripContextHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      if (!name.startsWith(internalPrefix)) out[name] = value;
    });
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers) if (!isInternal(name)) out[name] = value;
  } else {
    for (const name in headers) if (!isInternal(name)) out[name] = headers[name]!;
  }
  return out;
}

function isInternal(name: string): boolean {
  return (
    name.length >= internalPrefix.length &&
    name.slice(0, internalPrefix.length).toLowerCase() === internalPrefix
  );
}

/** One header of a fetch `init.headers` (a `Headers`, a list of pairs or a plain object), case-insensitively. */
export function headerOf(headers: HeadersInit | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) {
    for (const [n, v] of headers) if (n.toLowerCase() === name) return v;
    return undefined;
  }
  const own = headers[name];
  if (own !== undefined) return own;
  for (const n in headers) if (n.toLowerCase() === name) return headers[n];
  return undefined;
}

/**
 * `X-Client-Request-Id` allows 1–128 of `[A-Za-z0-9._:-]` (FACTS.md). Case ids contain `/` and
 * `#`, so they map to `:` and `.`; anything else becomes `_`.
 */
export function sanitiseRequestId(caseId: string): string {
  // Called for every request: one scan, copying only around the characters it maps.
  const id = caseId.length > 128 ? caseId.slice(0, 128) : caseId;
  if (id === '') return 'qeval';
  let out = '';
  let from = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (
      (c >= 0x61 && c <= 0x7a) || // a-z
      (c >= 0x41 && c <= 0x5a) || // A-Z
      (c >= 0x30 && c <= 0x3a) || // 0-9 and :
      c === 0x2d || // -
      c === 0x2e || // .
      c === 0x5f // _
    ) {
      continue;
    }
    out += id.slice(from, i) + (c === 0x2f ? ':' : c === 0x23 ? '.' : '_');
    from = i + 1;
  }
  return from === 0 ? id : out + id.slice(from);
}
