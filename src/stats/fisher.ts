import { InternalError } from '../errors.js';
import { logChoose } from './log-gamma.js';

const RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Fisher's exact test on a 2×2 table, two-sided: the probability, with the margins fixed, of a
 * table no more likely than the observed one (as R's `fisher.test`). Used for language parity:
 *
 * |            | pass | fail |
 * |------------|------|------|
 * | this lang  |  a   |  b   |
 * | the rest   |  c   |  d   |
 *
 * @returns the p-value; 1 when a margin is empty
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const x of [a, b, c, d]) {
    if (!Number.isInteger(x) || x < 0)
      throw new InternalError(`Fisher's test needs non-negative integers, got ${x}`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  if (row1 === 0 || row2 === 0 || col1 === 0 || col1 === n) return 1;
  const logDenominator = logChoose(n, col1);
  // Hypergeometric P(A = x): x passes in row 1 given the margins.
  const logP = (x: number) => logChoose(row1, x) + logChoose(row2, col1 - x) - logDenominator;
  const observed = logP(a) + Math.log(RELATIVE_TOLERANCE);
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  let total = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed) total += Math.exp(lp);
  }
  return Math.min(1, total);
}
