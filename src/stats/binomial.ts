import { InternalError } from '../errors.js';
import { logChoose } from './log-gamma.js';

/** Ties within this relative tolerance count as "as extreme" (R's binom.test uses the same idea). */
const RELATIVE_TOLERANCE = 1 + 1e-7;

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/**
 * Exact two-sided binomial test: the probability, under Binomial(n, p), of an outcome no more
 * likely than the observed k ("minimum likelihood" method, as R's `binom.test`). For p = 0.5
 * this is twice the smaller tail, capped at 1.
 *
 * @param k observed successes, 0 ≤ k ≤ n
 * @param n trials
 * @param p success probability under the null hypothesis
 */
export function binomialTwoSided(k: number, n: number, p = 0.5): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) {
    throw new InternalError(`binomialTwoSided needs integers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (!(p >= 0 && p <= 1)) throw new InternalError(`p must be in [0, 1], got ${p}`);
  if (n === 0) return 1;
  if (p === 0.5) {
    // Symmetric: sum the smaller tail once, exactly, and double it.
    const m = Math.min(k, n - k);
    if (2 * m === n) return 1;
    let tail = 0;
    for (let i = 0; i <= m; i++) tail += binomialPmf(i, n, 0.5);
    return Math.min(1, 2 * tail);
  }
  const observed = binomialPmf(k, n, p) * RELATIVE_TOLERANCE;
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const d = binomialPmf(i, n, p);
    if (d <= observed) total += d;
  }
  return Math.min(1, total);
}
