/**
 * The comparison of two runs, or of two models or prompt variants inside one run: compare.json,
 * and `report.comparison`. Public, versioned contract (snake_case, stable across versions),
 * documented by schema/compare.schema.json. Bump COMPARISON_VERSION on any breaking change.
 *
 * The paired unit is a *test*: (suite, test id, lang, variant) — plus the model when both sides
 * share it — with all its samples. Without `repeat` a test has one sample, so this is the
 * per-case pairing of SPEC §7; with `repeat` the samples of a test are pooled, because samples
 * of one test are not independent pairs and counting them as such would overstate significance.
 */
import type { Interval } from './interval.js';

export const COMPARISON_VERSION = 1;

/** One side of the comparison. Rates are over the paired, judged tests only, so A and B are comparable. */
export interface ComparisonSide {
  /** What the side is called in the verdict (a model, a variant, or "A"/"B"). */
  label: string;
  /** The report file or run id the side came from. */
  source: string | null;
  /** Models of the side's cases. */
  models: string[];
  /** Tests that pass (see `TestOutcome.pass`), among the n paired tests judged on both sides. */
  passed: number;
  n: number;
  pass_rate: number | null;
  /** 95% Wilson interval of pass_rate. */
  ci: Interval | null;
  mean_score: number | null;
}

/** A test's identity; `model` is set only when the model is part of the pairing key. */
export interface TestRef {
  /** Readable key: `suite/test_id[/lang][/variant][@model]`. */
  key: string;
  suite: string;
  test_id: string;
  test_name: string | null;
  lang: string | null;
  variant: string | null;
  model: string | null;
  tags: string[];
  suite_file: string;
  /** The dataset file `line` is in, for a test built from a dataset row. */
  data_file?: string;
  line: number;
}

/** How one test did on one side, over its judged (pass/fail) samples. */
export interface TestOutcome {
  /** Whether the test passes: the share of passing samples reaches its `pass_rate` (default 1). Null when no sample was judged. */
  pass: boolean | null;
  passed: number;
  judged: number;
  samples: number;
  /** Mean score of the judged samples. */
  score: number | null;
  case_ids: string[];
}

/** A test whose outcome changed between A and B (a regression or a fix). */
export interface ChangedTest extends TestRef {
  a: TestOutcome;
  b: TestOutcome;
  /** Why B failed (regression) or why A failed (fix): the first failing assertions' reasons. */
  reason: string;
}

/** A test present on one side only. */
export interface OneSidedTest extends TestRef {
  outcome: TestOutcome;
}

/** A case with no usable verdict (error or skipped) in a paired test. */
export interface ErroredCase extends TestRef {
  side: 'a' | 'b';
  case_id: string;
  sample: number;
  status: 'error' | 'skipped';
  message: string;
}

/** Score difference of one paired test. */
export interface ScoreDelta {
  key: string;
  a: number;
  b: number;
  /** b − a */
  delta: number;
}

/** A test whose samples disagree on at least one side. */
export interface FlakyTest extends TestRef {
  a: { passed: number; judged: number } | null;
  b: { passed: number; judged: number } | null;
}

/** pass@k and pass^k of both sides at one k, averaged over tests with at least k judged samples. */
export interface PassAtKRow {
  k: number;
  tests: number;
  a_pass_at_k: number | null;
  b_pass_at_k: number | null;
  a_pass_hat_k: number | null;
  b_pass_hat_k: number | null;
}

/** Deltas of one language or tag. */
export interface GroupDelta {
  /** The language code or tag. */
  name: string;
  /** Paired, judged tests. */
  n: number;
  a_pass_rate: number | null;
  b_pass_rate: number | null;
  /** b − a, in percentage points. */
  delta_pp: number | null;
  mean_score_delta: number | null;
  regressions: number;
  fixes: number;
  /** McNemar's exact p within the group. */
  p: number;
  /** Holm-adjusted across the groups of the same kind (languages, or tags). */
  p_adjusted: number;
  significant: boolean;
}

/** A mean difference (B − A) with its paired bootstrap interval. */
export interface MeanDelta {
  mean: number;
  ci: Interval;
  level: number;
  method: 'percentile' | 'normal';
  resamples: number;
  seed: number;
}

export type ConclusionDirection = 'better' | 'worse' | 'no-difference';

export interface ComparisonConclusion {
  /** "B vs A: −7.5 pp pass rate, 95% CI [−14.1, −0.9], McNemar p = 0.039 — worse" */
  text: string;
  direction: ConclusionDirection;
  significant: boolean;
}

/** compare.json and `report.comparison`. */
export interface Comparison {
  version: typeof COMPARISON_VERSION;
  created_at: string;
  /** What was paired: two reports, or two models/variants inside one report. */
  mode: 'reports' | 'models' | 'variants';
  sides: { a: ComparisonSide; b: ComparisonSide };
  pairs: {
    /** Tests on both sides. */
    paired: number;
    /** Paired tests judged on both sides (the n of every statistic). */
    judged: number;
    both_pass: number;
    both_fail: number;
    regressions: number;
    fixes: number;
    /** Paired tests left out because a side has no judged sample. */
    excluded: number;
    added: number;
    removed: number;
    /** Tests on one side only when two models or variants are compared: never asked of the other. */
    out_of_scope?: number;
  };
  /** pass → fail, worst first. */
  regressions: ChangedTest[];
  /** fail → pass. */
  fixes: ChangedTest[];
  /** Tests only in B. */
  added: OneSidedTest[];
  /** Tests only in A. */
  removed: OneSidedTest[];
  errors: ErroredCase[];
  /** Per paired test with a score on both sides, most negative first. */
  score_deltas: ScoreDelta[];
  /** Mean score difference with its bootstrap interval; null with no scored pairs. */
  mean_delta: MeanDelta | null;
  /** Pass-rate difference (share, B − A) with its bootstrap interval. */
  pass_rate_delta: MeanDelta | null;
  mcnemar: { b: number; c: number; p: number };
  by_lang: GroupDelta[];
  by_tag: GroupDelta[];
  flaky: FlakyTest[];
  /** Null without `repeat`. */
  pass_at_k: PassAtKRow[] | null;
  verdict: ComparisonConclusion;
  /** The tolerated pass-rate drop given (`--max-drop`), in points; null when none. */
  max_drop_pp: number | null;
  warnings: string[];
  /** Present with `compare --judge`: which side's answers a grader prefers. */
  pairwise?: PairwiseJudgement;
}

/**
 * Which side a judge preferred: `a`, `b`, or `tie`. A pair's final verdict is a win only when the
 * two orders agree; `error` when a grader call failed or its answer named no side.
 */
export type PairwiseWinner = 'a' | 'b' | 'tie';

/** One paired case (same test, lang, sample) judged in both orders. */
export interface PairwiseCase {
  /** The test's key (`suite/test_id[/lang]…`) and the sample. */
  key: string;
  lang: string | null;
  sample: number;
  case_a: string;
  case_b: string;
  /** What the two orders together say; `error` when either call gave no verdict. */
  winner: PairwiseWinner | 'error';
  /** The verdict with A's answer shown first, then with B's first (null: that call failed). */
  votes: { a_first: PairwiseWinner | null; b_first: PairwiseWinner | null };
  /** The grader's reasons, or what went wrong. */
  reason: string;
}

/** Win/tie/loss counts from B's side, with the sign test and the interval on B's win share. */
export interface PairwiseCounts {
  /** Pairs judged (errors left out). */
  n: number;
  b_wins: number;
  a_wins: number;
  ties: number;
  errors: number;
  /** b_wins / (b_wins + a_wins): ties dropped, as in the sign test; null with no untied pair. */
  b_win_share: number | null;
  /** 95% Wilson interval of b_win_share. */
  ci: Interval | null;
  /** Exact two-sided sign test (ties dropped). */
  p: number;
}

/** The counts of one language, with the p Holm-adjusted across languages. */
export interface PairwiseGroup extends PairwiseCounts {
  name: string;
  p_adjusted: number;
  significant: boolean;
}

/** `compare --judge`: a grader's pairwise preferences between A's and B's answers. */
export interface PairwiseJudgement {
  /** The grader model. */
  judge: string;
  overall: PairwiseCounts;
  by_lang: PairwiseGroup[];
  /** Pairs in key order. */
  cases: PairwiseCase[];
  /** "B vs A (judge qwen-max): 12 wins, 3 ties, 5 losses; B preferred in 71% [48, 86], sign test p = 0.14 — not significant" */
  verdict: string;
}
