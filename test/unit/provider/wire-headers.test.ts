import { describe, expect, it } from 'vitest';
import {
  decodeCallContext,
  decodeReplay,
  encodeCallContext,
  encodeReplayHit,
  sanitiseRequestId,
  stripContextHeaders,
} from '../../../src/provider/wire-headers.js';

describe('sanitiseRequestId', () => {
  it('maps a case id onto [A-Za-z0-9._:-], at most 128 characters', () => {
    expect(sanitiseRequestId('greetings/greet-zh/zh/qwen-max#3')).toBe('greetings:greet-zh:zh:qwen-max.3');
    expect(sanitiseRequestId('问候/hi there/alibaba/qwen-max#0')).toBe('__:hi_there:alibaba:qwen-max.0');
    expect(sanitiseRequestId('x'.repeat(300))).toHaveLength(128);
    expect(sanitiseRequestId('')).toBe('qeval');
  });
  it('agrees with the allowed set on every ASCII character and beyond', () => {
    for (let cp = 0; cp < 0x300; cp++) {
      const c = String.fromCharCode(cp);
      const want = /[A-Za-z0-9._:-]/.test(c) ? c : c === '/' ? ':' : c === '#' ? '.' : '_';
      expect(sanitiseRequestId(`a${c}b${c}`)).toBe(`a${want}b${want}`);
    }
    expect(sanitiseRequestId(`${'/'.repeat(127)}ab`)).toBe(`${':'.repeat(127)}a`);
    expect(sanitiseRequestId('😀')).toBe('__');
  });
});

describe('call context header', () => {
  it('round-trips names with separators and non-ASCII text', () => {
    const ctx = { sample: 4, purpose: 'grader' as const, suite: '多语言;suite', caseId: 'a/b;c#4' };
    const wire = encodeCallContext(ctx);
    expect(wire).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeCallContext(wire)).toEqual(ctx);
  });
  it('defaults to sample 0 of a test call when absent', () => {
    expect(decodeCallContext(undefined)).toEqual({ sample: 0, purpose: 'test' });
  });
});

describe('replay header', () => {
  it('round-trips hit timing and miss kinds', () => {
    expect(decodeReplay(encodeReplayHit(812.5, 90))).toEqual({ kind: 'hit', durationMs: 812.5, ttftMs: 90 });
    expect(decodeReplay(encodeReplayHit(10, null))).toEqual({ kind: 'hit', durationMs: 10, ttftMs: null });
    expect(decodeReplay('miss')).toEqual({ kind: 'miss' });
    expect(decodeReplay(null)).toBeUndefined();
  });
});

describe('stripContextHeaders', () => {
  it('removes only the internal headers', () => {
    const h = stripContextHeaders(
      new Headers({ 'x-qeval-call': '0;test;;', authorization: 'Bearer k', 'x-client-request-id': 'a' }),
    );
    expect(Object.keys(h).sort()).toEqual(['authorization', 'x-client-request-id']);
  });
  it('takes a plain object or pairs, matching the prefix in any case', () => {
    const plain = stripContextHeaders({ 'X-Qeval-Call': '0;test;;', authorization: 'Bearer k' });
    expect(plain).toEqual({ authorization: 'Bearer k' });
    const pairs = stripContextHeaders([
      ['x-qeval-replay-key', 'k'],
      ['content-type', 'application/json'],
    ]);
    expect(pairs).toEqual({ 'content-type': 'application/json' });
  });
});
