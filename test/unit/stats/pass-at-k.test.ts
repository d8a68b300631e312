import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import { passAtK, passHatK } from '../../../src/stats/pass-at-k.js';

// References: 1 − C(n−c,k)/C(n,k) and C(c,k)/C(n,k) with exact binomials, by hand.
describe('passAtK (unbiased, Chen et al. 2021)', () => {
  it('k = 1 is the plain pass share', () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 14);
  });

  it('n = 10, c = 3, k = 5: 1 − 21/252 = 11/12', () => {
    expect(passAtK(10, 3, 5)).toBeCloseTo(11 / 12, 14);
  });

  it('is 1 when fewer than k samples failed, 0 when none passed', () => {
    expect(passAtK(10, 8, 3)).toBe(1);
    expect(passAtK(10, 0, 4)).toBe(0);
  });

  it('stays finite for large n (200 samples, k = 100)', () => {
    // 1 − C(190,100)/C(200,100); C-ratio = ∏_{i=191}^{200} (1 − 100/i) ≈ 7.7e-4 (python3 math.comb)
    expect(passAtK(200, 10, 100)).toBeCloseTo(1 - 0.0007710260627178503, 10);
  });

  it('rejects k > n', () => {
    expect(() => passAtK(3, 1, 4)).toThrow(InternalError);
  });
});

describe('passHatK', () => {
  it('C(3,2)/C(10,2) = 1/15', () => {
    expect(passHatK(10, 3, 2)).toBeCloseTo(1 / 15, 14);
  });

  it('is 0 when fewer than k passed and 1 when all passed', () => {
    expect(passHatK(5, 2, 3)).toBe(0);
    expect(passHatK(5, 5, 3)).toBe(1);
  });
});
