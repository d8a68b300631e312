import { redacted, scrubSecret } from '../provider/secret.js';

/** Response headers worth keeping; everything else (cookies, tracing, auth) is dropped. */
const keptHeaders = new Set([
  'content-type',
  'x-inference-id',
  'x-aimlapi-usd-spent',
  'x-aimlapi-credits-used',
  'retry-after',
]);

/** Names that may carry a secret, dropped even if someone adds them to the kept set. */
const secretName = /key|token|cookie|secret|auth/i;

/** The safe subset of response headers to store. */
export function safeHeaders(headers: Headers, apiKey?: string): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    const n = name.toLowerCase();
    if (keptHeaders.has(n) && !secretName.test(n)) out[n] = scrubSecret(value, apiKey);
  });
  return out;
}

/**
 * Scrubs the key from serialised JSON text. The key is matched both raw and as it appears
 * inside a JSON string (escaped), so no encoding of it survives.
 */
export function scrubJsonText(text: string, apiKey?: string): string {
  if (!apiKey) return text;
  const escaped = JSON.stringify(apiKey).slice(1, -1);
  return scrubSecret(scrubSecret(text, apiKey), escaped);
}

/** A deep copy of a JSON value with the key replaced in every string. */
export function scrubValue<T>(value: T, apiKey?: string): T {
  if (!apiKey) return value;
  if (typeof value === 'string') return scrubSecret(value, apiKey) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, apiKey)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[scrubSecret(k, apiKey)] = scrubValue(v, apiKey);
  return out as T;
}

/**
 * Redacts the key where a stream split it across chunks (each chunk alone was scrubbed already,
 * so what is left spans a boundary). The placeholder goes where the key began; its other
 * characters leave their chunks, and every chunk keeps its place (and arrival time).
 */
export function scrubAcrossChunks(datas: readonly string[], apiKey?: string): string[] {
  if (!apiKey || apiKey.length < 4) return [...datas];
  const joined = datas.join('');
  let next = joined.indexOf(apiKey);
  if (next === -1) return [...datas];
  const out: string[] = [];
  let offset = 0;
  let skipUntil = 0;
  for (const data of datas) {
    let text = '';
    for (let i = 0; i < data.length; i++) {
      const at = offset + i;
      if (at === next) {
        text += redacted;
        skipUntil = at + apiKey.length;
        next = joined.indexOf(apiKey, skipUntil);
      }
      if (at >= skipUntil) text += data[i];
    }
    out.push(text);
    offset += data.length;
  }
  return out;
}

export { redacted };
