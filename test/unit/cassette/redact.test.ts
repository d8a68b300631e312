import { describe, expect, it } from 'vitest';
import { safeHeaders, scrubAcrossChunks } from '../../../src/cassette/redact.js';
import { scrubSecret, scrubValue } from '../../../src/provider/secret.js';

const key = 'sk-"quoted"\\key-123456';

describe('safeHeaders', () => {
  it('keeps the documented subset and drops anything secret', () => {
    const h = new Headers({
      'content-type': 'application/json',
      'x-inference-id': 'inf-1',
      'x-aimlapi-usd-spent': '0.001',
      'x-aimlapi-credits-used': '1000',
      'retry-after': '3',
      authorization: 'Bearer x',
      'set-cookie': 'a=b',
      'x-api-key': 'k',
      'x-request-token': 't',
      server: 'nginx',
    });
    expect(Object.keys(safeHeaders(h)).sort()).toEqual([
      'content-type',
      'retry-after',
      'x-aimlapi-credits-used',
      'x-aimlapi-usd-spent',
      'x-inference-id',
    ]);
  });
});

describe('scrubbing the key', () => {
  it('replaces it raw and JSON-escaped in serialised text', () => {
    const text = JSON.stringify({ a: `my key ${key}`, b: [key] });
    const out = scrubSecret(text, key);
    expect(out).not.toContain(JSON.stringify(key).slice(1, -1));
    expect(JSON.parse(out)).toEqual({ a: 'my key [REDACTED]', b: ['[REDACTED]'] });
  });
  it('replaces it in every string of a value, keys included', () => {
    expect(scrubValue({ [key]: [`x${key}y`, 3] }, key)).toEqual({ '[REDACTED]': ['x[REDACTED]y', 3] });
  });
  it('leaves text alone without a key', () => {
    expect(scrubSecret('{"a":1}', undefined)).toBe('{"a":1}');
  });
});

describe('the key in other forms', () => {
  const k = 'sk-live-0123456789abcdef';
  it('is replaced URL-encoded and in base64, standard and URL-safe, at any byte offset', () => {
    const odd = 'k/y+0=1?2&3 é';
    expect(scrubSecret(`q=${encodeURIComponent(odd)}&x`, odd)).toBe('q=[REDACTED]&x');
    for (const prefix of ['', 'u', 'us', 'use', 'user:']) {
      for (const alphabet of ['base64', 'base64url'] as const) {
        const blob = Buffer.from(`${prefix}${k}!`).toString(alphabet);
        const out = scrubSecret(`Basic ${blob}`, k);
        expect(out).toContain('[REDACTED]');
        // What is left is the text around the key and the few characters it shares with the key.
        const around = Math.ceil((prefix.length * 4) / 3) + 4;
        expect(out.replace('Basic ', '').replace('[REDACTED]', '').length).toBeLessThanOrEqual(around);
      }
    }
  });
  it('is replaced in a stream where a chunk boundary splits its base64 form', () => {
    const b64 = Buffer.from(k).toString('base64');
    const out = scrubAcrossChunks([`data: ${b64.slice(0, 7)}`, `${b64.slice(7)}\n\n`], k).join('');
    expect(out).not.toContain(b64.slice(2, -2));
    expect(out).toContain('[REDACTED]');
  });
  it('leaves ordinary text alone', () => {
    const text = 'The quick brown fox, base64 aGVsbG8gd29ybGQ= and 100% sure.';
    expect(scrubSecret(text, k)).toBe(text);
  });
});

describe('a key split across stream chunks', () => {
  const k = 'sk-live-0123456789';
  it('is redacted where it began, every chunk kept in place', () => {
    const chunks = [
      'data: {"a":"sk-li',
      've-0123',
      '456789 and more"}\n\n',
      `data: ${k}${k.slice(0, 5)}`,
      `${k.slice(5)}.\n\n`,
    ];
    const out = scrubAcrossChunks(chunks, k);
    expect(out).toHaveLength(chunks.length);
    expect(out.join('')).toBe('data: {"a":"[REDACTED] and more"}\n\ndata: [REDACTED][REDACTED].\n\n');
    expect(out[0]).toBe('data: {"a":"[REDACTED]');
    expect(out[1]).toBe('');
    for (const c of out) expect(c).not.toContain('0123456789');
  });
  it('leaves streams without the key (or without a key) alone', () => {
    expect(scrubAcrossChunks(['data: a', 'b'], k)).toEqual(['data: a', 'b']);
    expect(scrubAcrossChunks(['data: sk-li', 've-0123456789'], undefined)).toEqual([
      'data: sk-li',
      've-0123456789',
    ]);
  });
});
