import { InternalError } from '../errors.js';
import { normalQuantile } from './normal.js';
import { quantile } from './quantile.js';
import { createRng } from './rng.js';

/** Options of {@link pairedBootstrapCI}. */
export interface BootstrapOptions {
  /** Number of resamples (default 10,000). */
  resamples?: number;
  /** PRNG seed, so the same data always give the same interval (default 1). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

/** A mean difference with its interval. */
export interface BootstrapInterval {
  /** Mean of the paired deltas (B − A). */
  mean: number;
  low: number;
  high: number;
  /**
   * `percentile`: the bootstrap itself. `normal`: the set was so large that resampling it
   * 10,000 times would take seconds, and at that size the mean is normal to well below the
   * precision shown, so mean ± z·sd/√n is used instead.
   */
  method: 'percentile' | 'normal';
  resamples: number;
  level: number;
}

/** Above this many delta draws (n × resamples) the normal interval replaces the resampling. */
const MAX_DRAWS = 50_000_000;

/**
 * Paired bootstrap confidence interval of the mean of per-pair deltas (B − A): resample the
 * pairs with replacement, take each resample's mean, and read the interval from the
 * percentiles of those means. Pairing keeps the per-test correlation between A and B, which is
 * what makes a paired comparison far tighter than comparing two independent means.
 *
 * @returns null when there are no deltas
 */
export function pairedBootstrapCI(
  deltas: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval | null {
  const resamples = options.resamples ?? 10_000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 1;
  const n = deltas.length;
  if (n === 0) return null;
  if (!(level > 0 && level < 1)) throw new InternalError(`level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new InternalError(`resamples must be ≥ 1`);
  const values = Float64Array.from(deltas);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  const alpha = 1 - level;

  if (n * resamples > MAX_DRAWS) {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
    const se = Math.sqrt(ss / (n - 1) / n);
    const z = normalQuantile(1 - alpha / 2);
    return { mean, low: mean - z * se, high: mean + z * se, method: 'normal', resamples: 0, level };
  }

  const rng = createRng(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rng() * n)]!;
    means[r] = s / n;
  }
  means.sort();
  return {
    mean,
    low: quantile(means, alpha / 2)!,
    high: quantile(means, 1 - alpha / 2)!,
    method: 'percentile',
    resamples,
    level,
  };
}
