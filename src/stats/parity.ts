import type { ParityRow } from '../contracts/report.js';
import { fisherExactTwoSided } from './fisher.js';
import { holm } from './holm.js';
import { wilsonInterval } from './wilson.js';

/** One language's scored cases. */
export interface LanguageCounts {
  lang: string;
  passed: number;
  failed: number;
  mean_score: number | null;
}

/** Adjusted p-values below this flag a language (together with a lower pass rate). */
export const PARITY_ALPHA = 0.05;

/**
 * Language parity (SPEC §6): each language against all the other languages together, by
 * Fisher's exact test on (this language pass/fail) vs (the rest pass/fail), Holm-adjusted
 * across the languages tested. A language is below parity when its adjusted p is under 0.05
 * and its pass rate is lower than the rest's — a language doing significantly *better* is not
 * a parity problem. Fewer than two languages give no rows: there is nothing to compare.
 *
 * @returns rows sorted by language code
 */
export function languageParity(languages: readonly LanguageCounts[]): ParityRow[] {
  if (languages.length < 2) return [];
  let passed = 0;
  let failed = 0;
  for (const l of languages) {
    passed += l.passed;
    failed += l.failed;
  }
  const rows: ParityRow[] = languages.map((l) => {
    const n = l.passed + l.failed;
    const restPassed = passed - l.passed;
    const restFailed = failed - l.failed;
    const restN = restPassed + restFailed;
    const testable = n > 0 && restN > 0;
    return {
      lang: l.lang,
      pass_rate: n > 0 ? l.passed / n : null,
      pass_rate_ci: wilsonInterval(l.passed, n),
      mean_score: l.mean_score,
      rest_pass_rate: restN > 0 ? restPassed / restN : null,
      p_value: testable ? fisherExactTwoSided(l.passed, l.failed, restPassed, restFailed) : null,
      p_adjusted: null,
      below_parity: false,
    };
  });
  const tested = rows.filter((r) => r.p_value !== null);
  const adjusted = holm(tested.map((r) => r.p_value!));
  tested.forEach((r, i) => {
    r.p_adjusted = adjusted[i]!;
    r.below_parity = r.p_adjusted < PARITY_ALPHA && r.pass_rate! < r.rest_pass_rate!;
  });
  return rows.sort((x, y) => (x.lang < y.lang ? -1 : x.lang > y.lang ? 1 : 0));
}
