import { redacted, scrubSecret, secretForms } from '../provider/secret.js';

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
 * Redacts the key where a stream split it across chunks (each chunk alone was scrubbed already,
 * so what is left spans a boundary). The placeholder goes where the key began; its other
 * characters leave their chunks, and every chunk keeps its place (and arrival time).
 */
export function scrubAcrossChunks(datas: readonly string[], apiKey?: string): string[] {
  let out = [...datas];
  for (const form of secretForms(apiKey)) out = scrubFormAcrossChunks(out, form);
  return out;
}

function scrubFormAcrossChunks(datas: readonly string[], apiKey: string): string[] {
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
