import type { GraderVote } from '../contracts/case.js';
import type { AssertionOutcome, GraderVerdict } from '../contracts/result.js';
import { fmt } from './outcome.js';

/** The threshold of a `mean` vote when the assertion sets none. */
export const defaultMeanThreshold = 0.5;

/**
 * Combines the verdicts of several graders into the assertion's outcome. The score is always
 * the graders' mean score; the verdict depends on the vote:
 * - `majority`: more than half of the graders pass (a tie fails);
 * - `all`: every grader passes;
 * - `mean`: the mean score reaches `threshold` (default 0.5).
 * Each grader's own verdict (its `threshold` already applied) is kept on the outcome.
 */
export function combineVotes(
  verdicts: readonly GraderVerdict[],
  vote: GraderVote,
  threshold: number | undefined,
): AssertionOutcome {
  const n = verdicts.length;
  const passing = verdicts.filter((v) => v.pass).length;
  const score = verdicts.reduce((s, v) => s + v.score, 0) / n;
  let pass: boolean;
  let how: string;
  if (vote === 'mean') {
    const bar = threshold ?? defaultMeanThreshold;
    pass = score >= bar;
    how = `mean score ${fmt(score)} ${pass ? '≥' : '<'} ${bar} over ${n} grader(s)`;
  } else if (vote === 'all') {
    pass = passing === n;
    how = `${passing} of ${n} grader(s) pass, all must`;
  } else {
    pass = passing * 2 > n;
    how = `${passing} of ${n} grader(s) pass, a majority ${pass ? 'is reached' : 'is not'}`;
  }
  const each = verdicts.map((v) => `${v.model} ${v.pass ? '✓' : '✗'} ${fmt(v.score)}`).join(', ');
  return { pass, score, reason: `${vote} vote: ${how} (${each})`, graders: [...verdicts], vote };
}
