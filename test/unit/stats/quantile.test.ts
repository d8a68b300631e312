import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import { quantile } from '../../../src/stats/quantile.js';

describe('quantile (type 7, numpy default)', () => {
  it('interpolates between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
  });

  it('ends are the extremes; one value is every quantile', () => {
    expect(quantile([3, 7, 9], 0)).toBe(3);
    expect(quantile([3, 7, 9], 1)).toBe(9);
    expect(quantile([42], 0.95)).toBe(42);
  });

  it('is null when empty and rejects q outside [0, 1]', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(() => quantile([1], 1.5)).toThrow(InternalError);
  });
});
