import { binomialTwoSided } from './binomial.js';

/** An exact sign test's counts and p. */
export interface SignTest {
  /** Pairs where the first is better (positive difference). */
  wins: number;
  /** Pairs where the second is better. */
  losses: number;
  /** Pairs with no difference: dropped from the test, reported beside it. */
  ties: number;
  /** Exact two-sided p under Binomial(wins + losses, ½); 1 with no untied pairs. */
  p: number;
}

/**
 * The exact two-sided sign test of paired outcomes: ties are dropped, and the wins among the
 * untied pairs are tested against a fair coin (Dixon & Mood 1946; R's `binom.test(wins, n)`).
 */
export function signTest(wins: number, losses: number, ties = 0): SignTest {
  return { wins, losses, ties, p: binomialTwoSided(wins, wins + losses, 0.5) };
}

/** {@link signTest} of paired differences: positive is a win, negative a loss, zero a tie. */
export function signTestOfDifferences(differences: readonly number[]): SignTest {
  let wins = 0;
  let losses = 0;
  let ties = 0;
  for (const d of differences) {
    if (d > 0) wins++;
    else if (d < 0) losses++;
    else ties++;
  }
  return signTest(wins, losses, ties);
}
