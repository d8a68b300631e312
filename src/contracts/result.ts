/**
 * What a run produces: each assertion's result, each case's result (a line of results.jsonl),
 * and the events the engine emits while it runs.
 */
import type { Case, GraderVote } from './case.js';
import type { ModelResponse, ProviderErrorKind } from './chat.js';

/** What every assertion returns. `score` is in [0, 1]. */
export interface AssertionOutcome {
  pass: boolean;
  score: number;
  reason: string;
  /** Model-graded assertions with `grader.models`: each grader's own verdict, in the order written. */
  graders?: GraderVerdict[];
  /** How those graders' verdicts were combined. */
  vote?: GraderVote;
}

/** One grader's verdict in a vote. */
export interface GraderVerdict {
  model: string;
  pass: boolean;
  score: number;
  reason: string;
}

/** One scored assertion as stored on a case result and in report.json. */
export interface AssertionResult extends AssertionOutcome {
  type: string;
  name?: string;
  weight: number;
  /** True when the assertion could not be evaluated (grader failure, script crash): the case is `error`. */
  error?: boolean;
}

export type CaseStatus = 'pass' | 'fail' | 'error' | 'skipped';

/**
 * One finished case, as streamed to results.jsonl and stored in report.json `cases`.
 * Public shape (snake_case, stable across versions).
 */
export interface CaseResult {
  id: string;
  suite: string;
  suite_file: string;
  /** The dataset file (relative to cwd) of a test built from a row; `line`/`col` are then in it. */
  data_file?: string;
  test_id: string;
  test_name?: string;
  model: string;
  variant: string | null;
  sample: number;
  lang: string | null;
  tags: string[];
  status: CaseStatus;
  /** Weighted mean of assertion scores; null when there is no response. */
  score: number | null;
  threshold?: number;
  /** Share of a test's samples that must pass (`pass_rate`, default 1). */
  pass_rate?: number;
  request: Case['request'];
  response: ModelResponse | null;
  assertions: AssertionResult[];
  error: {
    kind: ProviderErrorKind | 'assertion' | 'internal';
    message: string;
    status?: number;
    snippet?: string;
  } | null;
  /** 1-based line and column of the test in its suite file (in `data_file` for a dataset row). */
  line: number;
  col: number;
  started_at: string;
  duration_ms: number;
}

/**
 * The file a test's `line`/`col` are in: the dataset file of a test built from a row, else the
 * suite file. Every place that shows a test's position goes through it.
 */
export function testFile(t: { suite_file: string; data_file?: string }): string {
  return t.data_file ?? t.suite_file;
}

/** Events the engine emits; the CLI renders them. */
export type RunEvent =
  | {
      type: 'run-start';
      total: number;
      run_id: string;
      mode: string;
      models: string[];
      /** Where each finished case is written as it finishes (what an interrupted run keeps). */
      results_path: string;
    }
  | { type: 'case-start'; case_id: string }
  | { type: 'case-result'; result: CaseResult }
  | { type: 'retry'; case_id: string; attempt: number; delay_ms: number; reason: string }
  | { type: 'rate-limited'; case_id: string; delay_ms: number }
  /** A warning about the input, formatted like a diagnostic (`file:line:col  path  warning: …`). */
  | { type: 'warning'; message: string }
  | { type: 'interrupted' }
  | { type: 'run-end'; incomplete: boolean }
  | { type: 'stopped'; reason: string };

export type RunListener = (event: RunEvent) => void;

/** A test (all samples of one test × lang × model × variant) that did not reach its pass rate. */
export interface FailingTest {
  key: string;
  suite: string;
  suite_file: string;
  data_file?: string;
  test_id: string;
  lang: string | null;
  model: string;
  variant: string | null;
  line: number;
  col: number;
  passed: number;
  scored: number;
  pass_rate: number;
  reasons: string[];
}

/** How a run ends: the process exit code of SPEC §4 and why. */
export interface ExitDecision {
  exitCode: number;
  failOn: 'failures' | 'regressions' | 'none';
  failing: FailingTest[];
  regressions: number;
  /** One line explaining the exit code. */
  reason: string;
}
