import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import { cohenKappa, fleissKappa, fleissKappaCounts } from '../../../src/stats/kappa.js';

/** Expands a 2-rater confusion table (rows: rater A's label, columns: rater B's) into two label lists. */
function fromTable(table: number[][], labels: string[]): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  for (const [i, row] of table.entries()) {
    for (const [j, count] of row.entries()) {
      for (let k = 0; k < count; k++) {
        a.push(labels[i]!);
        b.push(labels[j]!);
      }
    }
  }
  return [a, b];
}

describe('cohenKappa', () => {
  it("Wikipedia's worked example: 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4", () => {
    // Source: https://en.wikipedia.org/wiki/Cohen%27s_kappa#Simple_example — p_o = 0.7, p_e = 0.5.
    const [a, b] = fromTable(
      [
        [20, 5],
        [10, 15],
      ],
      ['yes', 'no'],
    );
    const k = cohenKappa(a, b);
    expect(k.items).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.interval!.low).toBeLessThan(0.4);
    expect(k.interval!.high).toBeGreaterThan(0.4);
  });

  it('the SAS PROC FREQ example (3 categories, 19 items) → κ = 0.4842, ASE interval 0.2137–0.7547', () => {
    // Source: the SAS printout quoted in statsmodels' stats/tests/test_inter_rater.py (table10).
    const [a, b] = fromTable(
      [
        [0, 4, 1],
        [0, 8, 0],
        [0, 1, 5],
      ],
      ['x', 'y', 'z'],
    );
    const k = cohenKappa(a, b, { seed: 5 });
    expect(k.kappa).toBeCloseTo(0.4842, 4);
    // The bootstrap interval is not the asymptotic one, but it must cover the estimate and be
    // of the same width to within a factor (SAS: 0.54 wide).
    const { low, high } = k.interval!;
    expect(low).toBeLessThan(0.4842);
    expect(high).toBeGreaterThan(0.4842);
    expect(high - low).toBeGreaterThan(0.54 / 2);
    expect(high - low).toBeLessThan(0.54 * 2);
  });

  it('is 1 for perfect agreement, negative for systematic disagreement, null when undefined', () => {
    expect(cohenKappa(['a', 'b', 'a', 'b'], ['a', 'b', 'a', 'b']).kappa).toBe(1);
    // p_o = 0, p_e = ½ → κ = −1
    expect(cohenKappa(['a', 'b', 'a', 'b'], ['b', 'a', 'b', 'a']).kappa).toBe(-1);
    // Every rating "pass": expected agreement 1, kappa undefined.
    expect(cohenKappa([true, true], [true, true]).kappa).toBeNull();
    expect(cohenKappa([], []).kappa).toBeNull();
  });

  it('is deterministic for a seed', () => {
    const a = [1, 2, 1, 1, 2, 2, 1, 2, 1, 1];
    const b = [1, 2, 2, 1, 2, 1, 1, 2, 1, 2];
    expect(cohenKappa(a, b, { seed: 3 })).toEqual(cohenKappa(a, b, { seed: 3 }));
  });

  it('refuses raters with different items', () => {
    expect(() => cohenKappa(['a'], ['a', 'b'])).toThrow(InternalError);
  });
});

describe('fleissKappa', () => {
  it('Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses → κ = 0.430', () => {
    // Source: Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    // Psychological Bulletin 76(5), 378–382; the ratings as R's irr::diagnoses (also in
    // statsmodels' test_inter_rater.py), where kappam.fleiss(diagnoses) = 0.4302445.
    // 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other.
    const diagnoses = [
      [4, 4, 4, 4, 4, 4],
      [2, 2, 2, 5, 5, 5],
      [2, 3, 3, 3, 3, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3],
      [3, 3, 3, 3, 5, 5],
      [1, 1, 3, 3, 3, 4],
      [1, 1, 4, 4, 4, 4],
      [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4],
      [1, 2, 4, 4, 4, 4],
      [2, 2, 2, 3, 3, 3],
      [1, 4, 4, 4, 4, 4],
      [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5],
      [1, 1, 1, 4, 5, 5],
      [1, 1, 1, 1, 1, 2],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 4, 4, 4, 4, 4],
      [2, 2, 4, 5, 5, 5],
      [1, 1, 4, 4, 4, 4],
      [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4],
      [1, 1, 1, 1, 5, 5],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 3, 3, 3],
      [5, 5, 5, 5, 5, 5],
    ];
    const k = fleissKappa(diagnoses, { seed: 11 });
    expect(k.items).toBe(30);
    expect(k.kappa).toBeCloseTo(0.4302445, 7);
    const { low, high } = k.interval!;
    expect(low).toBeLessThan(0.43);
    expect(high).toBeGreaterThan(0.43);
    expect(low).toBeGreaterThan(0.2);
    expect(high).toBeLessThan(0.65);
  });

  it("Wikipedia's worked example: 10 subjects, 14 raters, 5 categories → P̄ = 0.378, P̄e = 0.213, κ = 0.210", () => {
    // Source: https://en.wikipedia.org/wiki/Fleiss%27_kappa#Worked_example
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const k = fleissKappaCounts(counts);
    expect(k.observed).toBeCloseTo(0.378, 3);
    expect(k.expected).toBeCloseTo(0.213, 3);
    expect(k.kappa).toBeCloseTo(0.21, 3);
  });

  it('with two raters differs from Cohen only in the expected agreement (pooled shares)', () => {
    // Scott's pi: p_e from pooled shares. For the Cohen example above: pooled yes = 55/100,
    // p_e = 0.55² + 0.45² = 0.505, π = (0.7 − 0.505)/(0.495) = 0.3939…
    const ratings = [
      ...Array(20).fill(['y', 'y']),
      ...Array(5).fill(['y', 'n']),
      ...Array(10).fill(['n', 'y']),
      ...Array(15).fill(['n', 'n']),
    ];
    expect(fleissKappa(ratings).kappa).toBeCloseTo(0.195 / 0.495, 12);
  });

  it('refuses items with different numbers of ratings', () => {
    expect(() =>
      fleissKappaCounts([
        [1, 1],
        [2, 1],
      ]),
    ).toThrow(InternalError);
    expect(() => fleissKappaCounts([[1, 0]])).toThrow(InternalError);
  });
});
