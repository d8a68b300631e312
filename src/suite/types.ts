import type { SourcePos } from '../errors.js';
import type { ChatMessage, ChatRequest } from '../provider/types.js';

/** Grader settings for model-graded assertions, at suite or assertion level. */
export interface GraderConfig {
  model?: string;
  /** A Handlebars template (already read when it came from file://). */
  prompt?: string;
}

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
  threshold?: number;
  repeat: number;
  pass_rate: number;
  skip: boolean;
  /** Position of the test's node in its file (for annotations). */
  pos: SourcePos;
}

/** A loaded, validated suite file. */
export interface Suite {
  name: string;
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
  tests: TestSpec[];
}

/** An assertion ready to score: values rendered for this case. */
export interface ResolvedAssertion extends AssertionSpec {}

/**
 * One unit of work: test × language × model × prompt variant × sample. Its `id` is stable
 * across runs: `<suite>/<test id>[/<lang>]/<model>[/<variant>]#<sample>`.
 */
export interface Case {
  id: string;
  suite: string;
  suite_file: string;
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
  /** Where the test is written, for annotations. */
  pos: SourcePos;
}
