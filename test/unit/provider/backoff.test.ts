import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  defaultBackoff,
  parseRetryAfter,
  retryableStatuses,
  sleep,
} from '../../../src/provider/backoff.js';

describe('backoffDelay', () => {
  it('draws uniformly below an exponentially growing ceiling (full jitter)', () => {
    const p = { baseMs: 500, capMs: 30_000, retryAfterMaxMs: 120_000 };
    expect(backoffDelay(0, p, () => 0)).toBe(0);
    expect(backoffDelay(0, p, () => 0.999)).toBe(499);
    expect(backoffDelay(3, p, () => 0.5)).toBe(2000);
    // The ceiling stops at the cap.
    expect(backoffDelay(20, p, () => 0.999)).toBe(29_970);
  });
  it('has the documented defaults', () => {
    expect(defaultBackoff).toEqual({ baseMs: 500, capMs: 30_000, retryAfterMaxMs: 120_000 });
  });
});

describe('retryableStatuses', () => {
  it('retries rate limits and server faults, never client errors', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504]) expect(retryableStatuses.has(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(retryableStatuses.has(s)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('reads delta seconds, fractional too', () => {
    expect(parseRetryAfter('4', now)).toBe(4000);
    expect(parseRetryAfter(' 0.25 ', now)).toBe(250);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('waits, and rejects at once when aborted', async () => {
    const t0 = performance.now();
    await sleep(20);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15);
    const ac = new AbortController();
    const p = sleep(10_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
