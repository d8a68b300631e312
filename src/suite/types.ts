import type { AssertionSpec, CaseSimulation, GraderConfig, ToolSpec } from '../contracts/case.js';
import type { ChatMessage } from '../contracts/chat.js';
import type { SourcePos } from '../contracts/diagnostic.js';

/** One test as written, after `defaults` merging and dataset expansion. */
export interface TestSpec {
  id: string;
  name?: string;
  /** BCP-47 tag; undefined means detect from the rendered prompt (or from the prompt map key). */
  lang?: string;
  tags: string[];
  vars: Record<string, unknown>;
  /** One user message, or one per language (the map's key is the case's lang). */
  prompt?: string | Record<string, string>;
  messages?: ChatMessage[] | Record<string, ChatMessage[]>;
  /** Request parameters: the suite's, then `defaults.params`, then the test's own (each wins over the one before). */
  params: Record<string, unknown>;
  assert: AssertionSpec[];
  /** The suite's tools overlaid by the test's own (SPEC §10); absent: no tool loop. */
  tools?: ToolSpec[];
  /** Model calls of one user turn before the case fails (default 6). */
  max_steps?: number;
  /**
   * A conversation's user turns after the first (the first is `prompt`), each a text or a map
   * from language to text; their assertions are in `assert` with `turn` set.
   */
  turns?: Array<string | Record<string, string>>;
  /** A simulated user writes the user turns (persona and goal not yet rendered). */
  simulate?: CaseSimulation;
  /** What the user of a scripted conversation wants (a template); `goal-met` judges it. */
  goal?: string;
  threshold?: number;
  repeat: number;
  pass_rate: number;
  skip: boolean;
  /** Position of the test's node in its file (for annotations). */
  pos: SourcePos;
}

/** A loaded, validated suite file. */
export interface Suite {
  /** The suite's id in case ids and cassette file names: its `name`, or the name's slug. */
  name: string;
  /** The `name` as written, when it is display text and not an id (`Support bot — Arabic`). */
  title?: string;
  description?: string;
  /** Path of the suite file as the user gave it (relative to cwd when possible). */
  file: string;
  /** Directory `file://` references resolve against. */
  dir: string;
  models: string[];
  params: Record<string, unknown>;
  system?: string;
  prompts?: Record<string, string>;
  vars: Record<string, unknown>;
  grader?: GraderConfig;
  tools?: ToolSpec[];
  max_steps?: number;
  tests: TestSpec[];
}
