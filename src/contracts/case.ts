/** A case: one unit of work (test × language × model × variant × sample) and its assertions. */
import type { ChatRequest, ToolDefinition } from './chat.js';
import type { SourcePos } from './diagnostic.js';

/** Grader settings for model-graded assertions, at suite or assertion level. */
export interface GraderConfig {
  model?: string;
  /** A Handlebars template (already read when it came from file://). */
  prompt?: string;
  /** Several graders that vote (each one its own call and cassette entry); `model` is then not used. */
  models?: string[];
  /** How the `models` decide together (default `majority`). */
  vote?: GraderVote;
  /** Request parameters of grader calls (default `temperature: 0`). */
  params?: Record<string, unknown>;
}

/**
 * How graders vote: `majority` passes when more than half pass (a tie fails), `all` when every
 * grader passes, `mean` when the mean score reaches the assertion's `threshold` (default 0.5).
 */
export type GraderVote = 'majority' | 'all' | 'mean';

/** The votes, for the schema's enum and the checks. */
export const graderVotes = ['majority', 'all', 'mean'] as const satisfies readonly GraderVote[];

/** One assertion as written in a suite, after `defaults` merging; values not yet rendered. */
export interface AssertionSpec {
  /** The type as written, possibly with a `not-` prefix. */
  type: string;
  value?: unknown;
  weight: number;
  threshold?: number;
  name?: string;
  /** Every other option of the type (flags, unit, min, max, path, max_ms …). */
  [option: string]: unknown;
  /** Where the assertion is written. */
  pos: SourcePos;
}

/** An assertion ready to score: values rendered for this case. */
export interface ResolvedAssertion extends AssertionSpec {}

/**
 * How a tool's result is made up offline: a table keyed by arguments (`city=Paris`, several
 * pairs joined by `,`, `*` for anything else), or a JavaScript module whose default export
 * `(args, ctx) → result` runs like a `javascript` assertion's file.
 */
export type ToolMock =
  | { kind: 'table'; table: Record<string, unknown> }
  | {
      kind: 'module' /** As written (`file://mocks/weather.js`). */;
      ref: string /** Absolute path. */;
      file: string;
    };

/** A tool as a suite declares it: what the model is told, and how its result is made. */
export interface ToolSpec {
  definition: ToolDefinition;
  mock?: ToolMock;
}

/** The tools of a case and the bounds of its loop (absent: no tool loop, one call). */
export interface CaseTools {
  /** Mocks by tool name; the definitions travel in `request.tools`. */
  mocks: Record<string, ToolMock>;
  /** Model calls of one user turn before the case fails (SPEC §10 `max_steps`). */
  max_steps: number;
}

/**
 * One scripted user turn of a conversation after the first (the first is in `request.messages`).
 * Its assertions are the case's with `turn` set to its number.
 */
export interface ConversationTurn {
  user: string;
}

/**
 * A simulated user (SPEC §10 `simulate:`): a model that plays `persona`, wants `goal`, and writes
 * each user turn of the conversation until it says the goal is met, gives up, or `max_turns`.
 * `persona` and `goal` are rendered with the case's vars.
 */
export interface CaseSimulation {
  persona: string;
  goal: string;
  /** User turns the simulated user may write before the case fails. */
  max_turns: number;
  /** The simulated user's model; absent: the grader model (the suite's, else qwen-max). */
  model?: string;
}

/**
 * One unit of work: test × language × model × prompt variant × sample. Its `id` is stable
 * across runs: `<suite>/<test id>[/<lang>]/<model>[/<variant>]#<sample>`.
 */
export interface Case {
  id: string;
  suite: string;
  suite_file: string;
  /** The dataset file (relative to cwd) a row's test comes from; `pos` is then in it. */
  data_file?: string;
  test_id: string;
  test_name?: string;
  model: string;
  variant: string | null;
  sample: number;
  lang: string | null;
  tags: string[];
  vars: Record<string, unknown>;
  request: ChatRequest;
  assertions: ResolvedAssertion[];
  threshold?: number;
  repeat: number;
  pass_rate: number;
  skip: boolean;
  grader?: GraderConfig;
  /** Tools the model may call, and how each call is answered (SPEC §10). */
  tools?: CaseTools;
  /**
   * A scripted conversation: its turns in order, the first one's user message already in
   * `request.messages`. Absent for a one-message test.
   */
  turns?: ConversationTurn[];
  /** A simulated user writes the user turns; `request.messages` then holds no user message. */
  simulate?: CaseSimulation;
  /** What the user of a scripted conversation wants (rendered); `goal-met` judges it. */
  goal?: string;
  /** Where the test is written, for annotations. */
  pos: SourcePos;
}
