/** The conclusion of a comparison (its one-line `verdict` in compare.json) and its warnings. */

import type { ComparisonConclusion, MeanDelta } from '../contracts/comparison.js';
import { minDetectableDifference } from '../stats/power/min-detectable.js';
import { pEquals, ppInterval, signedPp } from './format.js';

/** Significance level of the verdict. */
export const CONCLUSION_ALPHA = 0.05;

/** The change the "too small" warning is about: 5 percentage points. */
export const DETECTABLE_CHANGE = 0.05;

/**
 * Discordance assumed for the power calculation when the observed one is lower: a 5-point
 * change moves at least 5% of the tests, and a near-zero observed share would make any set look
 * large enough.
 */
const MIN_PLANNING_DISCORDANCE = 0.1;

export interface ConclusionInput {
  labelA: string;
  labelB: string;
  /** Paired, judged tests. */
  n: number;
  passRateDelta: MeanDelta | null;
  mcnemar: { b: number; c: number; p: number };
}

/**
 * Decides the verdict. The rule: a difference is significant when McNemar's exact test gives
 * p < 0.05 AND the paired bootstrap 95% interval of the pass-rate difference excludes 0. The
 * two usually agree; asking for both keeps a borderline case (few discordant pairs, a lopsided
 * bootstrap) from being called a change. The direction is the sign of the pass-rate difference.
 * Both look at pass/fail, so that is what the verdict is about; score deltas are reported beside it.
 */
export function drawConclusion(input: ConclusionInput): ComparisonConclusion {
  const head = `${input.labelB} vs ${input.labelA}`;
  const d = input.passRateDelta;
  if (input.n === 0 || d === null) {
    return {
      text: `${head}: no test was judged on both sides — nothing to compare`,
      direction: 'no-difference',
      significant: false,
    };
  }
  const excludesZero = d.ci.low > 0 || d.ci.high < 0;
  const significant = input.mcnemar.p < CONCLUSION_ALPHA && excludesZero;
  const direction = significant ? (d.mean > 0 ? 'better' : 'worse') : 'no-difference';
  const conclusion = significant ? direction : 'no significant difference';
  const level = Math.round(d.level * 100);
  return {
    text: `${head}: ${signedPp(d.mean)} pass rate, ${level}% CI ${ppInterval(d.ci)}, McNemar ${pEquals(input.mcnemar.p)} — ${conclusion}`,
    direction,
    significant,
  };
}

/**
 * The "too small" warning, or null. Method in `stats/power/min-detectable.ts`: the larger of
 * the exact floor of McNemar's test and Connor's power approximation at 80% power, with the
 * observed discordant share (at least 10%) as the planning value.
 */
export function sizeWarning(n: number, discordant: number): string | null {
  if (n === 0) return null;
  const discordance = Math.max(discordant / n, MIN_PLANNING_DISCORDANCE);
  const mde = minDetectableDifference(n, { discordance });
  if (mde <= DETECTABLE_CHANGE) return null;
  const smallest =
    mde >= 1 ? 'no change at all can be' : `only a change of about ${(mde * 100).toFixed(1)} pp or more is`;
  return `only ${n} paired test${n === 1 ? '' : 's'}: too few to detect a 5-point change in pass rate (${smallest} detected with 80% power)`;
}
