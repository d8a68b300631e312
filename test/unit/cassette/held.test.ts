import { describe, expect, it } from 'vitest';
import {
  fileEntry,
  heldBody,
  heldHeaders,
  heldRequest,
  holdEntries,
  holdEntry,
} from '../../../src/cassette/held.js';
import type { CassetteEntry } from '../../../src/cassette/types.js';

const base: CassetteEntry = {
  key: 'k',
  purpose: 'grader',
  case_id: 's/t/m#1',
  sample: 1,
  request: { model: 'm', messages: [{ role: 'user', content: 'héllo 你好' }], temperature: 0 },
  response: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { choices: [{ message: { content: '你好' } }], n: null },
  },
  recorded_at: '2025-01-01T00:00:00.000Z',
  model: 'm',
  duration_ms: 3.5,
};

describe('held entries', () => {
  it('serve the JSON body as UTF-8 bytes and give the file entry back', () => {
    const held = holdEntry(base);
    expect(heldBody(held).toString('utf8')).toBe(JSON.stringify(base.response.body));
    expect(fileEntry(held)).toEqual(base);
  });
  it('share one buffer per file, each entry reading its own bytes', () => {
    const other: CassetteEntry = {
      ...base,
      key: 'k2',
      request: { model: 'm', messages: [{ role: 'user', content: 'مرحبا' }] },
      response: { status: 200, headers: { 'x-inference-id': 'i2' }, body: { text: 'नमस्ते' } },
    };
    const [a, b] = holdEntries([base, other]);
    expect(a!.pack).toBe(b!.pack);
    expect(heldRequest(b!)).toEqual(other.request);
    expect(heldHeaders(b!)).toEqual(other.response.headers);
    expect(JSON.parse(heldBody(b!).toString())).toEqual(other.response.body);
    expect(heldRequest(a!)).toEqual(base.request);
  });
  it('keep text bodies, absent bodies and streams as they were', () => {
    const text = { ...base, response: { status: 500, headers: {}, body: 'upstream broke' } };
    expect(heldBody(holdEntry(text)).toString()).toBe('upstream broke');
    expect(fileEntry(holdEntry(text))).toEqual(text);
    const empty = { ...base, response: { status: 204, headers: {}, body: '' } };
    expect(heldBody(holdEntry(empty))).toHaveLength(0);
    expect(fileEntry(holdEntry(empty))).toEqual(empty);
    const stream = {
      ...base,
      response: { status: 200, headers: {}, chunks: [{ t: 1, data: 'data: [DONE]\n\n' }] },
    };
    expect(fileEntry(holdEntry(stream))).toEqual(stream);
  });
  it('keep fields a newer qeval wrote, so rewriting a cassette does not drop them', () => {
    const newer = {
      ...base,
      tokens_saved: 3,
      response: { ...base.response, trailer: { x: 1 } },
    } as unknown as CassetteEntry;
    expect(fileEntry(holdEntry(newer))).toEqual(newer);
  });
});
