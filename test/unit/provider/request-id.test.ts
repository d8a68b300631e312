import { describe, expect, it } from 'vitest';
import { sanitiseRequestId } from '../../../src/provider/request-id.js';

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
