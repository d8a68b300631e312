/** report.json: a PUBLIC, versioned contract (schema/report.schema.json). */
import type { Comparison } from './comparison.js';
import type { Interval } from './interval.js';
import type { JudgeCheck } from './judge-check.js';
import type { CaseResult } from './result.js';

/** Version of report.json's shape. Public contract: bump on any breaking change. */
export const REPORT_VERSION = 1;

/** Counts and rates of a group of cases (a model, a language, a suite, a tag or the run). */
export interface GroupSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  /** passed / (passed + failed); errors and skips are not model failures. Null when nothing was scored. */
  pass_rate: number | null;
  /** 95% Wilson interval of pass_rate. */
  pass_rate_ci: Interval | null;
  mean_score: number | null;
  tokens: { prompt: number; completion: number; total: number };
  cost_usd: number;
  latency_ms: { p50: number | null; p95: number | null };
}

/** Language parity (SPEC §6): each language against all the others. */
export interface ParityRow {
  lang: string;
  pass_rate: number | null;
  pass_rate_ci: Interval | null;
  mean_score: number | null;
  /** Pass rate of every other language together. */
  rest_pass_rate: number | null;
  /** Two-sided exact test (Fisher) of this language vs the rest, Holm-adjusted across languages. */
  p_value: number | null;
  p_adjusted: number | null;
  below_parity: boolean;
}

export interface Summary extends GroupSummary {
  by_model: Record<string, GroupSummary>;
  by_lang: Record<string, GroupSummary>;
  by_suite: Record<string, GroupSummary>;
  by_tag: Record<string, GroupSummary>;
  parity: ParityRow[];
  /** The slowest cases by latency, ids. */
  slowest: Array<{ id: string; latency_ms: number }>;
  /**
   * Per tool asserted (absent when no case asserts a tool): the judged cases with an assertion
   * naming it, and how many of them passed every assertion naming it.
   */
  by_tool?: Record<string, ToolSummary>;
}

/** One tool's line of `summary.by_tool`. */
export interface ToolSummary {
  cases: number;
  passed: number;
}

export interface RunInfo {
  id: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  qeval_version: string;
  mode: 'replay' | 'record' | 'auto' | 'live';
  models: string[];
  /** `title`: the display name as written, when `name` had to become a slug. */
  suites: Array<{ name: string; file: string; title?: string }>;
  git_commit: string | null;
  /** True when interrupted or stopped (auth) before every case ran. */
  incomplete: boolean;
  shard: { index: number; count: number } | null;
  /** Present when the run was compared against a baseline. */
  baseline?: string;
  /** `--affected`: cases whose request had no recording (sent to the gateway) of the cases run. */
  affected?: { changed: number; total: number };
}

/** report.json. Public, versioned contract documented by schema/report.schema.json. */
export interface Report {
  version: typeof REPORT_VERSION;
  run: RunInfo;
  summary: Summary;
  cases: CaseResult[];
  /** Comparison against a baseline or between two models of this run (filled by the compare module). */
  comparison?: Comparison;
  /** The graders' agreement with themselves and each other (`qeval judge-check`). */
  judge_check?: JudgeCheck;
}
