import { binomialTwoSided } from './binomial.js';

/** Result of McNemar's exact test. */
export interface McNemarResult {
  /** Discordant pairs one way (A pass, B fail: regressions). */
  b: number;
  /** Discordant pairs the other way (A fail, B pass: fixes). */
  c: number;
  /** Two-sided exact p-value; 1 when there are no discordant pairs. */
  p: number;
}

/**
 * McNemar's exact test for paired pass/fail outcomes: under "no difference" each discordant pair
 * is equally likely to go either way, so min(b, c) ~ Binomial(b + c, ½), tested two-sided.
 * Concordant pairs carry no information about the difference and are not needed.
 *
 * @example mcnemarExact(10, 2).p === 158 / 4096 // ≈ 0.0386
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  return { b, c, p: binomialTwoSided(Math.min(b, c), b + c, 0.5) };
}
