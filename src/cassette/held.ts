/**
 * A cassette entry as a run holds it in memory. A replay of 100,000 cases holds 100,000 of these,
 * and the heap a run keeps decides how far V8 lets garbage grow before collecting it, so an entry
 * keeps only small fields on the heap. Its bytes (response headers and body as served, the
 * request) sit in one UTF-8 buffer per cassette file, outside the JavaScript heap, each written
 * once at load: a hit hands nock a view of the body as it is, and only a miss or a rewrite of
 * the file parses the request back.
 */
import type { ChatRequest } from '../provider/types.js';
import type { CassetteEntry, RecordedChunk, RecordedResponse } from './types.js';

export interface HeldEntry {
  key: string;
  purpose: CassetteEntry['purpose'];
  case_id: string;
  sample: number;
  recorded_at: string;
  model: string | null;
  duration_ms: number;
  status: number;
  /** The bytes: `[at, bodyAt)` headers JSON, `[bodyAt, requestAt)` body, `[requestAt, end)` request JSON. */
  pack: Buffer;
  at: number;
  bodyAt: number;
  requestAt: number;
  end: number;
  /** How the file stores the body: a JSON value (served as its JSON text), a string, or not at all. */
  bodyForm: 'json' | 'text' | 'none';
  chunks?: RecordedChunk[];
  /** Replayed time to first token of a stream, computed on the first hit. */
  ttft?: number | null;
  /** Fields this qeval does not know (from a newer writer), kept so a rewrite does not drop them. */
  extra?: { entry?: Record<string, unknown>; response?: Record<string, unknown> };
}

/**
 * The held form of a cassette file's entries: one buffer for all of them. `sizeHint` (the file's
 * size in bytes) is where the buffer starts: the compact JSON of the parts is never longer.
 */
export function holdEntries(entries: Iterable<CassetteEntry>, sizeHint = 4096): HeldEntry[] {
  const held: HeldEntry[] = [];
  const pack = new PackWriter(sizeHint);
  // One copy of each model name, not one per entry.
  const models = new Map<string, string>();
  for (const entry of entries) {
    const r = entry.response;
    const at = pack.offset;
    const bodyAt = pack.write(JSON.stringify(r.headers));
    const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const requestAt = pack.write(body);
    const end = pack.write(JSON.stringify(entry.request));
    const h = shell(entry, { pack: empty, at, bodyAt, requestAt, end });
    if (typeof h.model === 'string') {
      const known = models.get(h.model);
      if (known === undefined) models.set(h.model, h.model);
      else h.model = known;
    }
    held.push(h);
  }
  const bytes = pack.done();
  for (const h of held) h.pack = bytes;
  return held;
}

const empty = Buffer.alloc(0);

/** Appends UTF-8 text to one growing buffer; `done()` copies it to its exact size. */
class PackWriter {
  private buf: Buffer;
  offset = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 64));
  }

  /** Appends the text; returns the offset after it. */
  write(text: string): number {
    // A UTF-16 code unit never takes more than three UTF-8 bytes; count exactly only when close.
    if (this.offset + text.length * 3 > this.buf.length) this.reserve(Buffer.byteLength(text, 'utf8'));
    this.offset += this.buf.write(text, this.offset, 'utf8');
    return this.offset;
  }

  private reserve(bytes: number): void {
    const needed = this.offset + bytes;
    if (needed > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.offset);
      this.buf = bigger;
    }
  }

  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.offset));
  }
}

/** The held form of one entry (a fresh recording). */
export function holdEntry(entry: CassetteEntry): HeldEntry {
  return holdEntries([entry])[0]!;
}

/** The recorded response headers. */
export function heldHeaders(held: HeldEntry): Record<string, string> {
  return JSON.parse(held.pack.toString('utf8', held.at, held.bodyAt)) as Record<string, string>;
}

/** The body as served, a view of the entry's bytes; empty for a stream or no body. */
export function heldBody(held: HeldEntry): Buffer {
  return held.pack.subarray(held.bodyAt, held.requestAt);
}

/** The request as recorded, parsed afresh on each call. */
export function heldRequest(held: HeldEntry): ChatRequest {
  return JSON.parse(held.pack.toString('utf8', held.requestAt, held.end)) as ChatRequest;
}

/** The file form of a held entry, for writing. */
export function fileEntry(held: HeldEntry): CassetteEntry {
  const response: RecordedResponse = {
    ...held.extra?.response,
    status: held.status,
    headers: heldHeaders(held),
  };
  if (held.bodyForm !== 'none') {
    const text = heldBody(held).toString('utf8');
    response.body = held.bodyForm === 'json' ? JSON.parse(text) : text;
  }
  if (held.chunks !== undefined) response.chunks = held.chunks;
  return {
    ...held.extra?.entry,
    key: held.key,
    purpose: held.purpose,
    case_id: held.case_id,
    sample: held.sample,
    request: heldRequest(held),
    response,
    recorded_at: held.recorded_at,
    model: held.model,
    duration_ms: held.duration_ms,
  };
}

type Place = Pick<HeldEntry, 'pack' | 'at' | 'bodyAt' | 'requestAt' | 'end'>;

function shell(entry: CassetteEntry, place: Place): HeldEntry {
  const r = entry.response;
  const held: HeldEntry = {
    key: entry.key,
    purpose: entry.purpose === 'grader' ? 'grader' : 'test',
    case_id: entry.case_id,
    sample: entry.sample,
    recorded_at: entry.recorded_at,
    model: entry.model,
    duration_ms: entry.duration_ms,
    status: r.status,
    ...place,
    bodyForm: r.body === undefined ? 'none' : typeof r.body === 'string' ? 'text' : 'json',
  };
  if (r.chunks !== undefined) held.chunks = r.chunks;
  const extraEntry = unknownFields(entry, entryFields);
  const extraResponse = unknownFields(r, responseFields);
  if (extraEntry || extraResponse) {
    held.extra = {};
    if (extraEntry) held.extra.entry = extraEntry;
    if (extraResponse) held.extra.response = extraResponse;
  }
  return held;
}

const entryFields = new Set([
  'key',
  'purpose',
  'case_id',
  'sample',
  'request',
  'response',
  'recorded_at',
  'model',
  'duration_ms',
]);
const responseFields = new Set(['status', 'headers', 'body', 'chunks']);

function unknownFields(value: object, known: Set<string>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k in value) {
    if (known.has(k)) continue;
    out ??= {};
    out[k] = (value as Record<string, unknown>)[k];
  }
  return out;
}
