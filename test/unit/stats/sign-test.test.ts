import { describe, expect, it } from 'vitest';
import { signTest, signTestOfDifferences } from '../../../src/stats/sign-test.js';

/** Exact two-sided sign-test p by integer arithmetic, independent of the code under test. */
function exactSignP(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  const choose = (k: number): bigint => {
    let c = 1n;
    for (let i = 0; i < k; i++) c = (c * BigInt(n - i)) / BigInt(i + 1);
    return c;
  };
  const m = Math.min(wins, losses);
  let tail = 0n;
  for (let k = 0; k <= m; k++) tail += choose(k);
  return Math.min(1, Number(2n * tail) / Number(2n ** BigInt(n)));
}

describe('signTest', () => {
  it('15 wins, 5 losses: p = 2·Σ_{k≤5} C(20,k)/2²⁰ = 43400/1048576 (R: binom.test(15, 20) → 0.04139)', () => {
    expect(signTest(15, 5).p).toBeCloseTo(43_400 / 1_048_576, 14);
    expect(signTest(15, 5).p).toBeCloseTo(exactSignP(15, 5), 14);
  });

  it('matches the exact binomial on a grid, symmetric in wins and losses', () => {
    for (const [w, l] of [
      [0, 1],
      [0, 8],
      [3, 9],
      [12, 30],
      [40, 41],
      [61, 39],
    ] as const) {
      expect(signTest(w, l).p).toBeCloseTo(exactSignP(w, l), 12);
      expect(signTest(l, w).p).toBeCloseTo(signTest(w, l).p, 14);
    }
  });

  it('drops ties: the differences 3 up, 0 down, 4 level test 3 of 3 (p = 2/8)', () => {
    const t = signTestOfDifferences([0.5, 1, 0, 0, 2, 0, 0]);
    expect(t).toMatchObject({ wins: 3, losses: 0, ties: 4 });
    expect(t.p).toBeCloseTo(0.25, 14);
  });

  it('is 1 with nothing but ties', () => {
    expect(signTestOfDifferences([0, 0]).p).toBe(1);
  });
});
