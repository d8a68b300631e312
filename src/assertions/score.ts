import type { Case, ResolvedAssertion } from '../contracts/case.js';
import type { ModelResponse } from '../contracts/chat.js';
import type { AssertionOutcome, AssertionResult, CaseStatus, Transcript } from '../contracts/result.js';
import { compileAssertion } from './compile.js';
import { clamp01 } from './outcome.js';
import { meetsPassRate } from './pass-rate.js';
import type { AssertionContext, EmbedFn, GradeFn } from './types.js';
import { AssertionEvaluationError } from './types.js';

export interface ScoreInput {
  /** Has assertions (values already rendered), threshold, lang, vars, request, grader. */
  case: Case;
  response: ModelResponse;
  /** Absent → model-graded assertions give an evaluation error ("no grader available"). */
  grade?: GradeFn;
  /** Suite directory for file:// (json-schema, javascript). */
  baseDir: string;
  /** Embeddings for `similar` and `consistent`. */
  embed?: EmbedFn;
  /** The test's outputs in its other languages (see AssertionContext.siblings). */
  siblings?: () => Promise<Record<string, string | null>>;
  /** Work done once for all the test's language cases (see AssertionContext.shared). */
  shared?: AssertionContext['shared'];
  /** The case's exchange with the model, when it had tools or turns. */
  transcript?: Transcript;
}

export interface ScoreOutcome {
  assertions: AssertionResult[];
  score: number;
  status: 'pass' | 'fail' | 'error';
  error?: string;
}

/**
 * Scores one case: compiles (cached) and runs every assertion, negates `not-` types, applies
 * per-assertion thresholds, and takes the weighted mean of the scores.
 *
 * - Status `pass` when every assertion with weight > 0 passes, or when the case has a
 *   `threshold` and the weighted score reaches it (a threshold can only relax the verdict).
 *   Weight-0 assertions are informational: reported, never deciding.
 * - Status `error` when any assertion could not be evaluated (grader failure or nonsense, script
 *   crash or timeout, missing measurement, invalid options): such a case says nothing about the
 *   model. `error` holds the first such reason.
 * - Never throws for bad model output. Assertions run concurrently (graders are network calls).
 */
export async function scoreCase(input: ScoreInput): Promise<ScoreOutcome> {
  const c = input.case;
  // Built field by field: conditional spreads make V8 fall back to slow dictionary objects.
  const ctx: AssertionContext = { case: c, response: input.response, baseDir: input.baseDir };
  if (c.grader) ctx.grader = c.grader;
  if (input.grade) ctx.grade = input.grade;
  if (input.embed) ctx.embed = input.embed;
  if (input.siblings) ctx.siblings = input.siblings;
  if (input.shared) ctx.shared = input.shared;
  if (input.transcript) ctx.transcript = input.transcript;
  // Compare the NFC form everywhere, whatever the model sent.
  const output = (input.response.output ?? '').normalize('NFC');
  // Deterministic assertions answer synchronously; only await when one returned a promise.
  const pending = c.assertions.map((spec) =>
    runOne(spec, typeof spec.turn === 'number' ? turnAnswer(ctx, spec.turn) : output, ctx),
  );
  const assertions = pending.some((p) => p instanceof Promise)
    ? await Promise.all(pending)
    : (pending as AssertionResult[]);

  let weighted = 0;
  let totalWeight = 0;
  let allPass = true;
  let firstError: string | undefined;
  for (const a of assertions) {
    weighted += a.weight * a.score;
    totalWeight += a.weight;
    if (a.weight > 0 && !a.pass) allPass = false;
    if (a.error && firstError === undefined) firstError = `${a.name ?? a.type}: ${a.reason}`;
  }
  const score = totalWeight > 0 ? weighted / totalWeight : allPass ? 1 : 0;
  if (firstError !== undefined) return { assertions, score, status: 'error', error: firstError };
  const pass = allPass || (c.threshold !== undefined && score >= c.threshold);
  return { assertions, score, status: pass ? 'pass' : 'fail' };
}

/**
 * The answer of user turn `turn` (its last assistant message) for an assertion with `turn: N`;
 * '' when the conversation never reached that turn. Without a transcript, turn 1 is the answer.
 */
function turnAnswer(ctx: AssertionContext, turn: number): string {
  if (!ctx.transcript) return turn === 1 ? (ctx.response.output ?? '').normalize('NFC') : '';
  const said = ctx.transcript.messages.filter((m) => m.role === 'assistant' && m.turn === turn);
  return (said.at(-1)?.content ?? '').normalize('NFC');
}

/** The tools a tool assertion names: `tool-call`'s `name`, the list of `tool-calls` and `tool-call-f1`. */
function toolsNamed(spec: ResolvedAssertion): string[] | undefined {
  const type = spec.type.startsWith('not-') ? spec.type.slice(4) : spec.type;
  if (type === 'tool-call') return typeof spec.name === 'string' ? [spec.name] : undefined;
  if ((type !== 'tool-calls' && type !== 'tool-call-f1') || !Array.isArray(spec.value)) return undefined;
  return [...new Set(spec.value.filter((v): v is string => typeof v === 'string'))];
}

function runOne(
  spec: ResolvedAssertion,
  output: string,
  ctx: AssertionContext,
): AssertionResult | Promise<AssertionResult> {
  const weight = typeof spec.weight === 'number' && spec.weight >= 0 ? spec.weight : 1;
  const tools = toolsNamed(spec);
  const make = (pass: boolean, score: number, reason: string, error: boolean): AssertionResult => {
    const r: AssertionResult = { type: spec.type, weight, pass, score, reason };
    if (spec.name !== undefined) r.name = spec.name;
    if (error) r.error = true;
    if (tools) r.tools = tools;
    return r;
  };
  const failed = (e: unknown): AssertionResult =>
    make(
      false,
      0,
      e instanceof AssertionEvaluationError
        ? e.message
        : `could not be evaluated: ${(e as Error)?.message ?? String(e)}`,
      true,
    );
  const done = (v: AssertionOutcome): AssertionResult => {
    const r = make(v.pass, clamp01(v.score), v.reason, false);
    if (v.graders) r.graders = v.graders;
    if (v.vote) r.vote = v.vote;
    return r;
  };
  let result: AssertionOutcome | Promise<AssertionOutcome>;
  try {
    result = compileAssertion(spec)(output, ctx);
  } catch (e) {
    return failed(e);
  }
  return result instanceof Promise ? result.then(done, failed) : done(result);
}

/**
 * Test-level verdict across `repeat` samples: passes when passing samples ÷ (passing + failing
 * samples) ≥ `passRate`. `error` and `skipped` samples are left out of the denominator (an outage
 * is not evidence about the model); with no pass or fail sample at all, the test does not pass.
 */
export function testPasses(samples: Array<{ status: CaseStatus }>, passRate: number): boolean {
  let passed = 0;
  let judged = 0;
  for (const s of samples) {
    if (s.status === 'pass') passed++;
    if (s.status === 'pass' || s.status === 'fail') judged++;
  }
  return meetsPassRate(passed, judged, passRate);
}
