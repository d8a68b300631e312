import { describe, expect, it } from 'vitest';
import { canonicalJson, requestKey, sortKeysDeep } from '../../../src/cassette/key.js';

describe('requestKey', () => {
  const a = {
    model: 'qwen-max',
    messages: [{ role: 'user' as const, content: '你好' }],
    temperature: 0,
    response_format: { type: 'json_object' },
  };
  it('is 32 hex digits and ignores key order and undefined params', () => {
    const b = {
      response_format: { type: 'json_object' },
      temperature: 0,
      messages: [{ content: '你好', role: 'user' as const }],
      model: 'qwen-max',
      seed: undefined,
    };
    expect(requestKey(a, 0)).toMatch(/^[0-9a-f]{32}$/);
    expect(requestKey(b, 0)).toBe(requestKey(a, 0));
  });
  it('changes with the sample, any param, the model or a message', () => {
    const base = requestKey(a, 0);
    expect(requestKey(a, 1)).not.toBe(base);
    expect(requestKey({ ...a, temperature: 0.1 }, 0)).not.toBe(base);
    expect(requestKey({ ...a, model: 'qwen-max-2025-01-25' }, 0)).not.toBe(base);
    expect(requestKey({ ...a, messages: [{ role: 'user', content: '你好!' }] }, 0)).not.toBe(base);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('is what JSON.parse gives back', () => {
    const v = { x: 'é"\\', n: 1.5, l: [true, false] };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });
});

describe('sortKeysDeep', () => {
  it('returns a sorted copy', () => {
    const v = { b: { y: 1, x: 2 }, a: [{ d: 1, c: 2 }] };
    expect(JSON.stringify(sortKeysDeep(v))).toBe('{"a":[{"c":2,"d":1}],"b":{"x":2,"y":1}}');
    expect(Object.keys(v)).toEqual(['b', 'a']);
  });
});

describe('requestKey with a judge-check re-grading sample', () => {
  const grader = { model: 'qwen-max', messages: [{ role: 'user' as const, content: 'grade this' }] };
  it('keeps the key of regrade 0, and gives every later re-grading its own', () => {
    expect(requestKey(grader, 0, 0)).toBe(requestKey(grader, 0));
    const keys = new Set([0, 1, 2, 3].map((r) => requestKey(grader, 0, r)));
    expect(keys.size).toBe(4);
    expect(requestKey(grader, 1, 1)).not.toBe(requestKey(grader, 0, 1));
  });
});
