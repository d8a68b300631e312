/**
 * pass@k and pass^k from n samples of a test of which c passed.
 *
 * pass@k: the chance that at least one of k samples drawn without replacement passes, with the
 * unbiased estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on Code"):
 * 1 − C(n−c, k) / C(n, k), computed as a product so large n does not overflow.
 *
 * pass^k: the chance that all k drawn samples pass, C(c, k) / C(n, k) (the τ-bench reliability
 * measure). Both need k ≤ n.
 */

function check(n: number, c: number, k: number): void {
  if (![n, c, k].every(Number.isInteger) || n < 1 || c < 0 || c > n || k < 1 || k > n) {
    throw new InternalError(`pass@k needs integers 0 ≤ c ≤ n, 1 ≤ k ≤ n; got n=${n}, c=${c}, k=${k}`);
  }
}

/** Unbiased pass@k: 1 − C(n−c, k)/C(n, k). */
import { InternalError } from '../errors.js';
export function passAtK(n: number, c: number, k: number): number {
  check(n, c, k);
  if (n - c < k) return 1;
  // C(n−c, k)/C(n, k) = ∏_{i=n−c+1}^{n} (1 − k/i)
  let ratio = 1;
  for (let i = n - c + 1; i <= n; i++) ratio *= 1 - k / i;
  return 1 - ratio;
}

/** pass^k: C(c, k)/C(n, k), the chance that k samples drawn without replacement all pass. */
export function passHatK(n: number, c: number, k: number): number {
  check(n, c, k);
  if (c < k) return 0;
  let ratio = 1;
  for (let i = 0; i < k; i++) ratio *= (c - i) / (n - i);
  return ratio;
}
