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
  const { resamples, level, seed } = resolveOptions(options);
  const n = deltas.length;
  if (n === 0) return null;
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

function resolveOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = options.resamples ?? 10_000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 1;
  if (!(level > 0 && level < 1)) throw new InternalError(`level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new InternalError(`resamples must be ≥ 1`);
  return { resamples, level, seed };
}

/** A percentile interval of any statistic of resampled items. */
export interface StatisticInterval {
  low: number;
  high: number;
  level: number;
  /** Resamples whose statistic was defined (a resample can make it undefined, e.g. kappa with one category). */
  resamples: number;
}

/**
 * Percentile bootstrap interval of a statistic of `n` items: each resample draws `n` item
 * indices with replacement (the same seeded generator as {@link pairedBootstrapCI}) and hands
 * them to `statistic`. Resamples where the statistic is not finite (undefined for that draw)
 * are left out, and `resamples` says how many counted.
 *
 * @returns null when there are no items or no resample gave a finite statistic
 */
export function bootstrapStatisticCI(
  n: number,
  statistic: (indices: Uint32Array) => number,
  options: BootstrapOptions = {},
): StatisticInterval | null {
  const { resamples, level, seed } = resolveOptions(options);
  if (n === 0) return null;
  const rng = createRng(seed);
  const indices = new Uint32Array(n);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(rng() * n);
    const v = statistic(indices);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const alpha = 1 - level;
  return {
    low: quantile(sorted, alpha / 2)!,
    high: quantile(sorted, 1 - alpha / 2)!,
    level,
    resamples: values.length,
  };
}
