/**
 * The vitest matchers: `toPass` scores a text with assertions of the suite catalog, checked,
 * scored and worded as in a suite; `toMatchLanguage` is `toPass` with one `language` assertion.
 * Written against vitest's `expect.extend` contract without importing vitest, which stays an
 * optional peer of qeval.
 */
import { dirname } from 'node:path';
import { scoreCase } from '../assertions/score.js';
import { AssertionEvaluationError } from '../assertions/types.js';
import type { Case } from '../contracts/case.js';
import type { ModelResponse } from '../contracts/chat.js';
import type { AssertionResult } from '../contracts/result.js';
import { formatDiagnostic, InputError } from '../errors.js';
import { buildInlineAssertions } from '../suite/inline.js';
import { graderAt, type QevalMatcherOptions, suiteOfTestFile } from './grading.js';

/** An assertion as written in a suite's `assert:` list (`{ type: 'contains', value: 'Paris' }`). */
export interface MatcherAssertion {
  type: string;
  value?: unknown;
  [option: string]: unknown;
}

/** Options of one `toPass` call. */
export interface ToPassOptions {
  /** The test's language (BCP-47): case folding, word and grapheme counting, `language`'s default. */
  lang?: string;
  /** The prompt the text answers: the `input` of model-graded rubrics. */
  prompt?: string;
}

/** The part of vitest's matcher state the matchers read. */
interface MatcherContext {
  isNot: boolean;
  testPath?: string;
  currentTestName?: string;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The matchers, for `expect.extend` (a type alias: vitest wants an indexable object). */
export type QevalMatcherSet = {
  toPass(
    this: MatcherContext,
    received: unknown,
    assertion: MatcherAssertion | MatcherAssertion[],
    options?: ToPassOptions,
  ): Promise<MatcherResult>;
  toMatchLanguage(this: MatcherContext, received: unknown, lang: string | string[]): Promise<MatcherResult>;
};

/** Matchers whose model-graded assertions reach the grader as `options` say (else the environment). */
export function createQevalMatchers(options: QevalMatcherOptions = {}): QevalMatcherSet {
  const toPass: QevalMatcherSet['toPass'] = function (received, assertion, passOptions = {}) {
    return check(
      this,
      options,
      'toPass',
      received,
      Array.isArray(assertion) ? assertion : [assertion],
      passOptions,
    );
  };
  const toMatchLanguage: QevalMatcherSet['toMatchLanguage'] = function (received, lang) {
    return check(this, options, 'toMatchLanguage', received, [{ type: 'language', value: lang }], {});
  };
  return { toPass, toMatchLanguage };
}

async function check(
  state: MatcherContext,
  options: QevalMatcherOptions,
  matcher: string,
  received: unknown,
  assert: readonly unknown[],
  passOptions: ToPassOptions,
): Promise<MatcherResult> {
  if (typeof received !== 'string') {
    throw new InputError(
      `${matcher}: expected the text to check as a string, got ${describe(received)}`,
      'E_USAGE',
    );
  }
  if (assert.length === 0) throw new InputError(`${matcher}: give at least one assertion`, 'E_USAGE');
  const testPath = state.testPath ?? `${process.cwd()}/vitest`;
  const testName = state.currentTestName ?? 'test';
  const built = await buildInlineAssertions(assert, {
    file: testPath,
    dir: dirname(testPath),
    ...(passOptions.lang !== undefined ? { lang: passOptions.lang } : {}),
  });
  if (built.errors.length > 0) {
    const lines = built.errors.map((d) => formatDiagnostic(d).replace(/^\S+\s+/, ''));
    throw new InputError(`${matcher}: invalid assertion\n  ${lines.join('\n  ')}`, 'E_VALIDATION');
  }
  const c = matcherCase(testPath, testName, passOptions);
  c.assertions = built.assertions;
  const grade = graderAt(options, { testPath, testName });
  const scored = await scoreCase({ case: c, response: answer(received), grade, baseDir: dirname(testPath) });
  const rows = scored.assertions.map((result, i) => ({ result, spec: built.assertions[i] }));
  const unevaluated = rows.find((r) => r.result.error);
  if (unevaluated) {
    // Could not be evaluated (a cassette miss, a grader down): says nothing either way, even under .not.
    throw new AssertionEvaluationError(`${matcher}: ${unevaluated.result.reason}`);
  }
  const pass = scored.status === 'pass';
  const failed = rows.filter((r) => !r.result.pass && r.result.weight > 0);
  return {
    pass,
    message: () =>
      pass
        ? `expected text not to pass, but it did:\n${describeRows(rows, 'passes')}${shown(received)}`
        : `${describeRows(failed, 'to pass')}${shown(received)}`,
  };
}

/** The case a matcher call scores: one test of the test file's own suite, no model call. */
function matcherCase(testPath: string, testName: string, options: ToPassOptions): Case {
  const suite = suiteOfTestFile(testPath);
  return {
    id: `${suite}/${testName}`,
    suite,
    suite_file: testPath,
    test_id: testName,
    model: 'vitest',
    variant: null,
    sample: 0,
    lang: options.lang ?? null,
    tags: [],
    vars: {},
    request: {
      model: 'vitest',
      messages: options.prompt === undefined ? [] : [{ role: 'user', content: options.prompt }],
    },
    assertions: [],
    repeat: 1,
    pass_rate: 1,
    skip: false,
    pos: { file: testPath, line: 1, col: 1 },
  };
}

/** The text as the model's answer: no usage, cost or timing (operational assertions have nothing to measure). */
function answer(output: string): ModelResponse {
  return {
    output,
    finish_reason: null,
    model: null,
    usage: null,
    cost_usd: null,
    cost_source: null,
    latency_ms: 0,
    ttft_ms: null,
    inference_id: null,
    source: 'live',
  };
}

/**
 * One line per assertion with its reason as the suite report gives it:
 * `expected text to pass contains "Paris": output does not contain "Paris"`.
 */
function describeRows(
  rows: Array<{ result: AssertionResult; spec: MatcherAssertion | undefined }>,
  verb: 'to pass' | 'passes',
): string {
  return rows
    .map(({ result, spec }) => {
      const what = result.name ?? `${result.type}${valueText(spec?.value)}`;
      return verb === 'to pass'
        ? `expected text to pass ${what}: ${result.reason}`
        : `  ${what}: ${result.reason}`;
    })
    .join('\n');
}

function valueText(value: unknown): string {
  if (typeof value !== 'string' && !Array.isArray(value)) return '';
  const text = JSON.stringify(value);
  return ` ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
}

function shown(received: string): string {
  const text = received.length > 300 ? `${received.slice(0, 299)}…` : received;
  return `\n\nReceived: ${JSON.stringify(text)}`;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
