import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import { fisherExactTwoSided } from '../../../src/stats/fisher.js';

// References: exact fractions in python3 (hypergeometric, "no more likely than observed").
describe('fisherExactTwoSided', () => {
  it("Fisher's tea-tasting table: 17/35", () => {
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(17 / 35, 13);
  });

  it('the textbook [[1, 9], [11, 3]] table: 41/14858 ≈ 0.00276', () => {
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(41 / 14858, 13);
  });

  it('a parity-sized table (61/100 vs 84/100)', () => {
    expect(fisherExactTwoSided(61, 39, 84, 16)).toBeCloseTo(0.0004340831245339373, 12);
  });

  it('a perfectly separated table: 1/126', () => {
    expect(fisherExactTwoSided(5, 0, 0, 5)).toBeCloseTo(1 / 126, 14);
  });

  it('is 1 when a margin is empty', () => {
    expect(fisherExactTwoSided(0, 0, 3, 4)).toBe(1);
    expect(fisherExactTwoSided(3, 0, 4, 0)).toBe(1);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => fisherExactTwoSided(-1, 2, 3, 4)).toThrow(InternalError);
    expect(() => fisherExactTwoSided(1.5, 2, 3, 4)).toThrow(InternalError);
  });
});
