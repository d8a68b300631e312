/**
 * What a run produces: each assertion's result, each case's result (a line of results.jsonl),
 * and the events the engine emits while it runs.
 */
import type { Case, GraderVote } from './case.js';
import type { ModelResponse, ProviderErrorKind, ToolCall } from './chat.js';

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
  /** The tools a tool assertion names (`tool-call`'s `name`, `tool-calls`' list), for per-tool pass rates. */
  tools?: string[];
}

export type CaseStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** A tool call as the transcript keeps it: the model's call, and its arguments read as JSON. */
export interface TranscriptToolCall extends ToolCall {
  /** The arguments parsed; absent when they are not JSON. */
  args?: unknown;
}

/**
 * One message of a case's conversation with the model (SPEC §10), in order. `step` is the model
 * call (1-based, counted over the whole case) that produced an assistant message, or that a
 * tool result was sent with; `turn` the user turn (1-based) it belongs to.
 */
export interface TranscriptMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  turn: number;
  step?: number;
  /** On an assistant message: the calls it made. */
  tool_calls?: TranscriptToolCall[];
  /** On a tool result: the call it answers and the tool's name. */
  tool_call_id?: string;
  name?: string;
  /**
   * On a tool result the model saw as an error: why (an unknown tool, arguments that are not
   * JSON, a mock that threw or has no result for the arguments).
   */
  error?: string;
  /** On a user message: the simulated user wrote it (a `simulate:` test). */
  simulated?: boolean;
}

/** How a simulated user's dialogue ended (a `simulate:` test, SPEC §10). */
export interface TranscriptSimulation {
  /**
   * `goal`: the simulated user said `[GOAL MET]`; `give-up`: it said `[GIVE UP]`; `max-turns`: it
   * still wanted to write after `max_turns` turns; `stopped`: the assistant's turn ended the
   * exchange (out of `max_steps`, or a failed call).
   */
  ended: 'goal' | 'give-up' | 'max-turns' | 'stopped';
  /** The simulated user's last message, the one with the stop phrase, when it stopped. */
  final?: string;
  /** Model calls of the simulated user. */
  calls: number;
}

/** A tool loop's or a conversation's whole exchange, kept on the case result. */
export interface Transcript {
  messages: TranscriptMessage[];
  /** Model calls made. */
  steps: number;
  /** User turns sent. */
  turns: number;
  /** Why the exchange ended without a final answer (`max_steps`), if it did. */
  stopped?: string;
  /** A `simulate:` test: how the simulated user's dialogue ended. */
  simulation?: TranscriptSimulation;
}

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
  /** The whole exchange of a case with tools or a conversation; absent for a one-call case. */
  transcript?: Transcript;
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
