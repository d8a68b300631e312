/**
 * Quantile of sorted numbers by linear interpolation between closest ranks (Hyndman & Fan type 7,
 * the default of numpy and R), so p50 of [1, 2, 3, 4] is 2.5.
 *
 * @param sorted ascending values (not checked, to keep this O(1))
 * @param q in [0, 1]
 * @returns null for an empty list
 */
import { InternalError } from '../errors.js';
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (!(q >= 0 && q <= 1)) throw new InternalError(`quantile q must be in [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}
