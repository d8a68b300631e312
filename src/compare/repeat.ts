/** pass@k and pass^k of both sides, for runs with `repeat`. */

import type { PassAtKRow, TestOutcome } from '../contracts/comparison.js';
import { passAtK, passHatK } from '../stats/pass-at-k.js';

/** The k values shown: 1, then powers of two, and the largest k every repeated test supports. */
function ksFor(maxK: number): number[] {
  const ks = new Set<number>([1]);
  for (let k = 2; k < maxK; k *= 2) ks.add(k);
  ks.add(maxK);
  return [...ks].sort((x, y) => x - y);
}

function mean(values: number[]): number | null {
  return values.length > 0 ? values.reduce((s, x) => s + x, 0) / values.length : null;
}

/**
 * pass@k (at least one of k samples passes, unbiased estimator) and pass^k (all k pass) per side,
 * averaged over the paired tests with at least k judged samples on that side.
 */
export function passAtKRows(pairs: ReadonlyArray<{ a: TestOutcome; b: TestOutcome }>): PassAtKRow[] {
  // k up to the smallest sample count of a repeated test, so every k row averages the same tests.
  let maxK = Number.POSITIVE_INFINITY;
  for (const p of pairs) maxK = Math.min(maxK, p.a.judged, p.b.judged);
  if (!Number.isFinite(maxK) || maxK < 1) return [];
  return ksFor(maxK).map((k) => {
    const at = (o: TestOutcome) => passAtK(o.judged, o.passed, k);
    const hat = (o: TestOutcome) => passHatK(o.judged, o.passed, k);
    return {
      k,
      tests: pairs.length,
      a_pass_at_k: mean(pairs.map((p) => at(p.a))),
      b_pass_at_k: mean(pairs.map((p) => at(p.b))),
      a_pass_hat_k: mean(pairs.map((p) => hat(p.a))),
      b_pass_hat_k: mean(pairs.map((p) => hat(p.b))),
    };
  });
}
