import type { Interval } from '../contracts/interval.js';
import { InternalError } from '../errors.js';

/**
 * Wilson score interval for a binomial proportion (Wilson 1927). Unlike the normal ("Wald")
 * interval it stays inside [0, 1] and behaves at 0% and 100%, which small eval sets hit often.
 *
 * @param successes number of passes
 * @param n number of trials (passes + failures)
 * @param z normal quantile; 1.96 for a 95% interval
 * @returns the interval, or null when n is 0
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Interval | null {
  if (!(n > 0)) return null;
  if (successes < 0 || successes > n) throw new InternalError(`successes ${successes} outside [0, ${n}]`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp rounding noise at the edges (e.g. 1.0000000000000002).
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
