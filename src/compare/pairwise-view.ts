/** The pairwise judgement (`compare --judge`) as display strings, for the text, Markdown and HTML. */
import type { PairwiseCounts, PairwiseJudgement, PairwiseWinner } from '../contracts/comparison.js';
import { pEquals, percent, percentInterval } from './format.js';

export interface PairwiseRow {
  name: string;
  n: number;
  /** "12 / 3 / 5": B's wins, ties, B's losses. */
  record: string;
  wins: number;
  ties: number;
  losses: number;
  errors: number;
  /** B's share of the untied pairs, with its 95% Wilson interval. */
  share: string;
  ci: string;
  p: string;
  /** Holm-adjusted across languages; empty for the overall row. */
  pAdjusted: string;
  significant: boolean;
}

export interface PairwiseView {
  judge: string;
  verdict: string;
  overall: PairwiseRow;
  byLang: PairwiseRow[];
  cases: { rows: Array<{ key: string; winner: string; votes: string; reason: string }>; more: number };
}

/** Rows of the per-pair list before "and N more". */
const CASE_LIMIT = 200;

function row(
  name: string,
  c: PairwiseCounts,
  adjusted: { p: number; significant: boolean } | null,
): PairwiseRow {
  return {
    name,
    n: c.n,
    record: `${c.b_wins} / ${c.ties} / ${c.a_wins}`,
    wins: c.b_wins,
    ties: c.ties,
    losses: c.a_wins,
    errors: c.errors,
    share: percent(c.b_win_share),
    ci: percentInterval(c.ci),
    p: pEquals(c.p),
    pAdjusted: adjusted ? pEquals(adjusted.p) : '',
    significant: adjusted ? adjusted.significant : c.p < 0.05,
  };
}

const sideName = (w: PairwiseWinner | 'error' | null): string =>
  w === null || w === 'error' ? 'no verdict' : w === 'tie' ? 'tie' : w.toUpperCase();

/** The display strings, or null when the comparison was not judged. */
export function pairwiseView(p: PairwiseJudgement | undefined): PairwiseView | null {
  if (!p) return null;
  return {
    judge: p.judge,
    verdict: p.verdict,
    overall: row('all', p.overall, null),
    byLang: p.by_lang.map((g) => row(g.name, g, { p: g.p_adjusted, significant: g.significant })),
    cases: {
      rows: p.cases.slice(0, CASE_LIMIT).map((c) => ({
        key: c.sample > 0 ? `${c.key}#${c.sample}` : c.key,
        winner: sideName(c.winner),
        votes: `A first: ${sideName(c.votes.a_first)} · B first: ${sideName(c.votes.b_first)}`,
        reason: c.reason,
      })),
      more: Math.max(0, p.cases.length - CASE_LIMIT),
    },
  };
}
