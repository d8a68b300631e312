/**
 * Pairwise judging (SPEC §12): a grader is shown A's and B's answers to the same prompt twice,
 * once with A's first and once with B's first, to cancel position bias. This module is pure: it
 * turns the two verdicts of each pair into one, and the pairs into win/tie/loss counts with an
 * exact sign test and a Wilson interval, overall and per language (Holm across languages).
 */
import type {
  PairwiseCase,
  PairwiseCounts,
  PairwiseGroup,
  PairwiseJudgement,
  PairwiseWinner,
} from '../contracts/comparison.js';
import { signTest } from '../stats/sign-test.js';
import { wilsonInterval } from '../stats/wilson.js';
import { pEquals, percent, percentInterval } from './format.js';
import { ALPHA, adjustAcrossGroups } from './groups.js';

/**
 * One pair's verdict from its two orders: a side wins only when both orders pick it. Any other
 * combination — the grader picked whichever answer came first (or second) both times, or called
 * one order a tie — is a tie: the preference did not survive swapping the positions.
 */
export function combineVotes(
  aFirst: PairwiseWinner | null,
  bFirst: PairwiseWinner | null,
): PairwiseWinner | 'error' {
  if (aFirst === null || bFirst === null) return 'error';
  return aFirst === bFirst ? aFirst : 'tie';
}

/** Counts, sign test and interval of a set of judged pairs, from B's side. */
export function pairwiseCounts(cases: readonly PairwiseCase[]): PairwiseCounts {
  let bWins = 0;
  let aWins = 0;
  let ties = 0;
  let errors = 0;
  for (const c of cases) {
    if (c.winner === 'b') bWins++;
    else if (c.winner === 'a') aWins++;
    else if (c.winner === 'tie') ties++;
    else errors++;
  }
  const untied = bWins + aWins;
  return {
    n: bWins + aWins + ties,
    b_wins: bWins,
    a_wins: aWins,
    ties,
    errors,
    b_win_share: untied > 0 ? bWins / untied : null,
    ci: wilsonInterval(bWins, untied),
    p: signTest(bWins, aWins, ties).p,
  };
}

/** The judgement of a comparison: overall, per language (Holm-adjusted), and the verdict line. */
export function summarisePairwise(
  cases: readonly PairwiseCase[],
  judge: string,
  labels: { a: string; b: string },
): PairwiseJudgement {
  const byLang = new Map<string, PairwiseCase[]>();
  for (const c of cases) {
    if (c.lang === null) continue;
    const list = byLang.get(c.lang) ?? [];
    list.push(c);
    byLang.set(c.lang, list);
  }
  const groups: PairwiseGroup[] = [...byLang.keys()].sort().map((name) => ({
    name,
    ...pairwiseCounts(byLang.get(name)!),
    p_adjusted: 1,
    significant: false,
  }));
  adjustAcrossGroups(groups);
  const overall = pairwiseCounts(cases);
  return {
    judge,
    overall,
    by_lang: groups,
    cases: [...cases].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.sample - y.sample)),
    verdict: pairwiseVerdict(overall, judge, labels),
  };
}

/** "B vs A (judge qwen-max): 12 wins, 3 ties, 5 losses; B preferred in 70.6% [46.9%, 86.7%] of untied pairs, sign test p = 0.143 — not significant" */
export function pairwiseVerdict(o: PairwiseCounts, judge: string, labels: { a: string; b: string }): string {
  const head = `${labels.b} vs ${labels.a} (judge ${judge})`;
  if (o.n === 0) return `${head}: no pair was judged — nothing to compare`;
  const counts = `${o.b_wins} win${o.b_wins === 1 ? '' : 's'}, ${o.ties} tie${o.ties === 1 ? '' : 's'}, ${o.a_wins} loss${o.a_wins === 1 ? '' : 'es'}`;
  if (o.b_win_share === null) return `${head}: ${counts} — every pair a tie, no preference`;
  const conclusion =
    o.p < ALPHA ? (o.b_win_share > 0.5 ? `${labels.b} better` : `${labels.b} worse`) : 'not significant';
  return `${head}: ${counts}; ${labels.b} preferred in ${percent(o.b_win_share)} ${percentInterval(o.ci)} of untied pairs, sign test ${pEquals(o.p)} — ${conclusion}`;
}
