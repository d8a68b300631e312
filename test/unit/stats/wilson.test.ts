import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import { wilsonInterval } from '../../../src/stats/wilson.js';

// Reference: Newcombe (1998), "Two-sided confidence intervals for the single proportion",
// Statistics in Medicine 17:857–872, Table I, method 3 (score interval without correction).
describe('wilsonInterval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches Newcombe (1998)', (x, n, low, high) => {
    const ci = wilsonInterval(x, n)!;
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('stays inside [0, 1] at 0% and 100%', () => {
    expect(wilsonInterval(0, 20)!.low).toBe(0);
    const all = wilsonInterval(29, 29)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.88303, 5);
  });

  it('is null for no trials and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 4)).toThrow(InternalError);
  });

  it('narrows with more trials and widens with a larger z', () => {
    const w = (ci: { low: number; high: number }) => ci.high - ci.low;
    expect(w(wilsonInterval(50, 100)!)).toBeGreaterThan(w(wilsonInterval(500, 1000)!));
    expect(w(wilsonInterval(50, 100, 2.576)!)).toBeGreaterThan(w(wilsonInterval(50, 100)!));
  });
});
