import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import { binomialPmf, binomialTwoSided } from '../../../src/stats/binomial.js';

// References computed with exact fractions in python3 (math.comb), independent of this code.
describe('binomialTwoSided', () => {
  it('p = ½: twice the smaller tail', () => {
    // 2·(C(12,0)+C(12,1)+C(12,2)+C(12,3))/2¹² = 598/4096
    expect(binomialTwoSided(3, 12)).toBeCloseTo(598 / 4096, 14);
    expect(binomialTwoSided(9, 12)).toBeCloseTo(598 / 4096, 14);
    expect(binomialTwoSided(0, 6)).toBeCloseTo(2 / 64, 14);
  });

  it('is 1 at the centre and for no trials', () => {
    expect(binomialTwoSided(5, 10)).toBe(1);
    expect(binomialTwoSided(0, 0)).toBe(1);
    expect(binomialTwoSided(4, 9)).toBe(1);
  });

  it('p ≠ ½ sums the outcomes no more likely than the observed one (R binom.test)', () => {
    // binom.test(7, 20, 0.2): 9367153989169/95367431640625
    expect(binomialTwoSided(7, 20, 0.2)).toBeCloseTo(9367153989169 / 95367431640625, 12);
  });

  it('handles large n without overflow', () => {
    // symmetric: P(X ≤ 5000) for n = 10000 is just over ½, so the two-sided p is 1
    expect(binomialTwoSided(5000, 10000)).toBe(1);
    expect(binomialTwoSided(4800, 10000)).toBeLessThan(1e-4);
    expect(binomialTwoSided(4800, 10000)).toBeGreaterThan(0);
  });

  it('rejects impossible input', () => {
    expect(() => binomialTwoSided(3, 2)).toThrow(InternalError);
    expect(() => binomialTwoSided(1.5, 4)).toThrow(InternalError);
    expect(() => binomialTwoSided(1, 4, 2)).toThrow(InternalError);
  });

  it('pmf sums to 1', () => {
    let s = 0;
    for (let k = 0; k <= 30; k++) s += binomialPmf(k, 30, 0.3);
    expect(s).toBeCloseTo(1, 12);
    expect(binomialPmf(2, 4, 0.5)).toBeCloseTo(6 / 16, 14);
  });
});
