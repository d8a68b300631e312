import { describe, expect, it } from 'vitest';
import { errorMessage, isHtml, snippet } from '../../../src/provider/error-body.js';

describe('errorMessage', () => {
  it('reads the gateway style, with a string status code', () => {
    const body = JSON.stringify({
      message: 'Body validation error!',
      path: '/v1/chat/completions',
      requestId: 'r1',
      statusCode: '400',
      timestamp: 'x',
    });
    expect(errorMessage(body)).toBe('Body validation error!');
  });
  it('reads a list of validation messages', () => {
    expect(
      errorMessage(
        JSON.stringify({ message: ['temperature must be ≤ 2', 'n is not allowed'], statusCode: 400 }),
      ),
    ).toBe('temperature must be ≤ 2; n is not allowed');
  });
  it('reads the OpenAI style, object or string', () => {
    expect(
      errorMessage(JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit' } })),
    ).toBe('Rate limit reached');
    expect(errorMessage(JSON.stringify({ error: 'model not found' }))).toBe('model not found');
  });
  it('falls back to a snippet for anything else', () => {
    expect(errorMessage('upstream connect error')).toBe('upstream connect error');
    expect(errorMessage(JSON.stringify({ ok: false }))).toBe('{"ok":false}');
  });
});

describe('snippet', () => {
  it('strips an HTML page down to its text', () => {
    const page =
      '<!DOCTYPE html><html><head><style>h1{color:red}</style></head><body><h1>504 Gateway Time-out</h1>\n\n<hr>nginx</body></html>';
    expect(snippet(page)).toBe('504 Gateway Time-out nginx');
    expect(isHtml(page, null)).toBe(true);
    expect(isHtml('{}', 'text/html; charset=utf-8')).toBe(true);
    expect(isHtml('{}', 'application/json')).toBe(false);
  });
  it('cuts long text with an ellipsis', () => {
    const s = snippet('x'.repeat(500), 50);
    expect(s).toHaveLength(50);
    expect(s.endsWith('…')).toBe(true);
  });
});
