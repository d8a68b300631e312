import type { Case, GraderConfig, ResolvedAssertion } from '../contracts/case.js';
import type { Embeddings, ModelResponse } from '../contracts/chat.js';
import type { AssertionOutcome, Transcript } from '../contracts/result.js';
import { ExitCode, QevalError } from '../errors.js';

/** A grader call: sends a prompt to the grader model through the run's client and cassettes. */
export type GradeFn = (request: {
  model: string;
  messages: Array<{ role: 'system' | 'user'; content: string }>;
  params?: Record<string, unknown>;
}) => Promise<ModelResponse>;

/** An embeddings call through the run's client and cassettes. */
export type EmbedFn = (request: { model: string; input: string[] }) => Promise<Embeddings>;

/** Everything an assertion may look at besides the output text. */
export interface AssertionContext {
  case: Pick<Case, 'id' | 'test_id' | 'lang' | 'model' | 'vars' | 'request' | 'sample' | 'simulate' | 'goal'>;
  response: ModelResponse;
  /** Suite-level grader settings (an assertion's own `grader` wins). */
  grader?: GraderConfig;
  /** Absent when no client is available (e.g. offline rescoring without cassettes). */
  grade?: GradeFn;
  /** Directory `file://` references resolve against. */
  baseDir: string;
  /** Absent when the client cannot embed (`similar`, `consistent` then give an evaluation error). */
  embed?: EmbedFn;
  /**
   * The outputs of this test's cases in every language (same model, variant and sample), its
   * own included, once they all finished; null for one that gave no answer. Absent outside a run.
   */
  siblings?: () => Promise<Record<string, string | null>>;
  /**
   * `make()` once per key across this test's language cases (see `siblings`): a grader question
   * two of them ask is asked, and paid for, once. Absent outside a run.
   */
  shared?: <T>(key: string, make: () => Promise<T>) => Promise<T>;
  /** The case's exchange (tool calls, results, turns), when it had tools or a conversation. */
  transcript?: Transcript;
}

/** A compiled assertion: compile-time work (regex, schema, template) is done once in the factory. */
export type Assertion = (
  output: string,
  ctx: AssertionContext,
) => Promise<AssertionOutcome> | AssertionOutcome;

/** Builds an assertion from its (rendered) options. Throws an AssertionOptionsError with a clear message for bad options. */
export type AssertionFactory = (options: ResolvedAssertion) => Assertion;

/**
 * Thrown by an assertion that could not be evaluated (grader down, nonsense verdict, script crash
 * or timeout). The case becomes `error`, not `fail`.
 */
export class AssertionEvaluationError extends QevalError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'E_ASSERTION_EVALUATION', exitCode: ExitCode.incomplete, cause: options?.cause });
  }
}

/**
 * Thrown by an assertion factory for options it cannot use (a regex that does not compile, a
 * missing `value`). `qeval validate` reports it at the assertion's line; in a run the case is
 * `error` with this message.
 */
export class AssertionOptionsError extends QevalError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'E_ASSERTION_OPTIONS', exitCode: ExitCode.invalidInput, cause: options?.cause });
  }
}
