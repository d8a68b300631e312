/**
 * A cassette entry as a run holds it in memory. A replay of 100,000 cases holds 100,000 of these,
 * so the response is kept in the form a hit serves, built once at load: the body as UTF-8 bytes
 * outside the JavaScript heap (nock sends them as they are), not a parsed tree plus its
 * serialised text. What a miss needs (case id, purpose, sample, the request for the nearest-request
 * diff) stays as plain fields; the request stays parsed because a miss compares it field by field
 * with every entry of its suite. The file form is rebuilt only when a cassette is written.
 */
import type { ChatRequest } from '../provider/types.js';
import type { CassetteEntry, RecordedChunk, RecordedResponse } from './types.js';

export interface HeldEntry {
  key: string;
  purpose: CassetteEntry['purpose'];
  case_id: string;
  sample: number;
  request: ChatRequest;
  recorded_at: string;
  model: string | null;
  duration_ms: number;
  status: number;
  /** The recorded (safe) response headers. */
  headers: Record<string, string>;
  /** The body as served: JSON text of a JSON body, or the recorded text. Absent for streams and empty bodies. */
  body?: Buffer;
  /** How the file stores the body: a JSON value, a string, or not at all. */
  bodyForm: 'json' | 'text' | 'none';
  chunks?: RecordedChunk[];
  /** Replayed time to first token of a stream, computed on the first hit. */
  ttft?: number | null;
  /** Fields this qeval does not know (from a newer writer), kept so a rewrite does not drop them. */
  extra?: { entry?: Record<string, unknown>; response?: Record<string, unknown> };
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

/** The held form of a file entry. */
export function holdEntry(entry: CassetteEntry): HeldEntry {
  const r = entry.response;
  const held: HeldEntry = {
    key: entry.key,
    purpose: entry.purpose,
    case_id: entry.case_id,
    sample: entry.sample,
    request: entry.request,
    recorded_at: entry.recorded_at,
    model: entry.model,
    duration_ms: entry.duration_ms,
    status: r.status,
    headers: r.headers,
    bodyForm: r.body === undefined ? 'none' : typeof r.body === 'string' ? 'text' : 'json',
  };
  if (r.body !== undefined) {
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    if (text !== '') held.body = Buffer.from(text, 'utf8');
  }
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

/** The file form of a held entry, for writing. */
export function fileEntry(held: HeldEntry): CassetteEntry {
  const response: RecordedResponse = { ...held.extra?.response, status: held.status, headers: held.headers };
  if (held.bodyForm !== 'none') {
    const text = held.body?.toString('utf8') ?? '';
    response.body = held.bodyForm === 'json' ? JSON.parse(text) : text;
  }
  if (held.chunks !== undefined) response.chunks = held.chunks;
  return {
    ...held.extra?.entry,
    key: held.key,
    purpose: held.purpose,
    case_id: held.case_id,
    sample: held.sample,
    request: held.request,
    response,
    recorded_at: held.recorded_at,
    model: held.model,
    duration_ms: held.duration_ms,
  };
}

function unknownFields(value: object, known: Set<string>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k in value) {
    if (known.has(k)) continue;
    out ??= {};
    out[k] = (value as Record<string, unknown>)[k];
  }
  return out;
}
