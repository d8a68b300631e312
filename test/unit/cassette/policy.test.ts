import { describe, expect, it } from 'vitest';
import { decide, isExpired } from '../../../src/cassette/policy.js';
import type { CassetteEntry } from '../../../src/cassette/types.js';

const now = Date.parse('2025-06-10T00:00:00Z');
const entry = (recorded_at: string) => ({ recorded_at }) as CassetteEntry;
const fresh = entry('2025-06-09T00:00:00Z');
const old = entry('2025-05-01T00:00:00Z');

describe('decide', () => {
  it('replay: hit, miss, or expired past --max-age', () => {
    expect(decide('replay', fresh, 7, now)).toBe('replay');
    expect(decide('replay', undefined, 7, now)).toBe('miss');
    expect(decide('replay', old, 7, now)).toBe('expired');
    expect(decide('replay', old, undefined, now)).toBe('replay');
  });
  it('auto: replays fresh hits and records misses and expired entries', () => {
    expect(decide('auto', fresh, 7, now)).toBe('replay');
    expect(decide('auto', undefined, 7, now)).toBe('record');
    expect(decide('auto', old, 7, now)).toBe('record');
  });
  it('record always records; live never touches cassettes', () => {
    expect(decide('record', fresh, undefined, now)).toBe('record');
    expect(decide('live', fresh, undefined, now)).toBe('pass');
  });
  it('treats an unreadable date as expired', () => {
    expect(isExpired(entry('yesterday'), 1, now)).toBe(true);
  });
});
