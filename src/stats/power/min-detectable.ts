import { binomialTwoSided } from '../binomial.js';
import { normalCdf, normalQuantile } from '../normal.js';

/**
 * How large a pass-rate change a paired comparison of n tests can detect — behind the warning
 * "too small to detect a 5-point change".
 *
 * Method. Two bounds, the larger wins:
 * 1. Exact floor: McNemar's exact test needs at least m discordant pairs, all one way, to reach
 *    p < α (m = 6 at α = 0.05, since 2·2⁻⁶ = 0.031 but 2·2⁻⁵ = 0.0625). A change of d pass-rate
 *    points moves at least d·n pairs, so nothing below m/n can ever be significant.
 * 2. Power: the normal approximation of McNemar's test by Connor (1987, Biometrics 43:207–211):
 *    with discordant share ψ and true difference δ, power ≈ Φ((√n·δ − z₁₋α/₂·√ψ) / √(ψ − δ²)).
 *    The smallest δ reaching the wanted power (80%) is found by bisection. Because a
 *    difference δ implies at least δ discordance, ψ is taken as max(ψ, δ).
 */

/** Options of the power calculation. */
export interface PowerOptions {
  /** Share of pairs expected to disagree (planning value), in (0, 1]. */
  discordance: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Wanted power (default 0.8). */
  power?: number;
}

/** Smallest number of discordant pairs, all one way, McNemar's exact test calls significant at α. */
export function minDiscordantPairs(alpha = 0.05): number {
  let m = 1;
  while (binomialTwoSided(0, m, 0.5) >= alpha) m++;
  return m;
}

/** Approximate power of McNemar's test for n pairs and a true pass-rate difference δ (Connor 1987). */
export function mcnemarPower(n: number, delta: number, options: PowerOptions): number {
  const alpha = options.alpha ?? 0.05;
  const d = Math.abs(delta);
  if (n <= 0 || d === 0) return alpha;
  const psi = Math.min(1, Math.max(options.discordance, d));
  const spread = psi - d * d;
  const za = normalQuantile(1 - alpha / 2);
  const signal = Math.sqrt(n) * d - za * Math.sqrt(psi);
  if (spread <= 0) return signal > 0 ? 1 : 0;
  return normalCdf(signal / Math.sqrt(spread));
}

/**
 * The smallest pass-rate difference (a share, 0.05 = 5 points) that n pairs detect with the
 * wanted power: the larger of the exact floor and Connor's approximation. 1 when n is 0.
 */
export function minDetectableDifference(n: number, options: PowerOptions): number {
  if (n <= 0) return 1;
  const wanted = options.power ?? 0.8;
  const floor = minDiscordantPairs(options.alpha ?? 0.05) / n;
  let lo = 0;
  let hi = 1;
  if (mcnemarPower(n, hi, options) < wanted) return 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (mcnemarPower(n, mid, options) >= wanted) hi = mid;
    else lo = mid;
  }
  return Math.min(1, Math.max(floor, hi));
}
