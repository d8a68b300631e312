/**
 * Runs one case: the model call, then scoring. Provider failures become data on the result;
 * only an AuthError (the whole run must stop) or an abort escapes.
 */

import type { scoreCase } from '../assertions/score.js';
import type { EmbedFn, GradeFn } from '../assertions/types.js';
import type { Case } from '../contracts/case.js';
import type { CallPurpose, ChatRequest, ModelResponse } from '../contracts/chat.js';
import type { AssertionResult, CaseResult, Transcript } from '../contracts/result.js';
import { ProviderError } from '../provider/errors.js';
import type { CallOptions, ChatClient } from '../provider/types.js';
import type { Suite } from '../suite/types.js';
import type { IdleLane } from './idle-lane.js';
import type { SiblingBoard } from './siblings.js';
import { runSimulation, type UserCall } from './simulate.js';
import { type LoopOutcome, runToolLoop } from './tool-loop.js';

/** Scores one answer: the assertions of src/assertions, or a fake in tests. */
export type ScoreCase = typeof scoreCase;

/**
 * Where a case's answer comes from: the client, or (rescore) the answer a report stored. A tool
 * loop or conversation passes each step's request (the history so far) and its step number.
 */
export type Respond = (
  c: Case,
  signal: AbortSignal,
  step?: { request: ChatRequest; step: number },
) => Promise<ModelResponse>;

/** Who a call of case `c` is for: the context the cassettes key and name it by. */
function callOf(c: Case, purpose: CallPurpose, signal: AbortSignal): CallOptions {
  return { caseId: c.id, sample: c.sample, purpose, suite: c.suite, signal };
}

/** The answer of the model, through the client (cassettes, retries, the shared cap). */
export function respondWith(client: ChatClient): Respond {
  return (c, signal, step) => {
    const options = callOf(c, 'test', signal);
    if (step) options.step = step.step;
    return client.complete(step?.request ?? c.request, options);
  };
}

export interface CaseRunnerDeps {
  respond: Respond;
  /** Grader calls go through it. */
  client: ChatClient;
  scoreCase: ScoreCase;
  suiteOf: (c: Case) => Suite;
  /** Models the gateway said are gone: their remaining cases end as errors without a call. */
  retired: Map<string, string>;
  signal: AbortSignal;
  /** Where scoring waits for its turn, so it fills the time calls in flight wait. */
  lane?: IdleLane;
  /** The answers of each test's language cases, for cross-language assertions. */
  siblings?: SiblingBoard;
  /** Rescore: the exchange a report stored for a case, scored again without calling anyone. */
  storedTranscript?: (c: Case) => Transcript | undefined;
}

type Outcome = Pick<CaseResult, 'status' | 'score' | 'response' | 'assertions' | 'error'> & {
  transcript?: Transcript;
};

/**
 * A case's result. One object literal and then the outcome's fields, in the order results.jsonl
 * has always had them: spreading a shared base object into each result was the dearest line of
 * the case loop.
 */
function result(c: Case, startedAt: number, durationMs: number, outcome: Outcome): CaseResult {
  const r = {
    id: c.id,
    suite: c.suite,
    suite_file: c.suite_file,
    ...(c.data_file !== undefined ? { data_file: c.data_file } : {}),
    test_id: c.test_id,
    model: c.model,
    variant: c.variant,
    sample: c.sample,
    lang: c.lang,
    tags: c.tags,
    pass_rate: c.pass_rate,
    request: c.request,
    line: c.pos.line,
    col: c.pos.col,
    started_at: new Date(startedAt).toISOString(),
    duration_ms: durationMs,
  } as CaseResult;
  if (c.test_name !== undefined) r.test_name = c.test_name;
  if (c.threshold !== undefined) r.threshold = c.threshold;
  r.status = outcome.status;
  r.score = outcome.score;
  r.response = outcome.response;
  r.assertions = outcome.assertions;
  r.error = outcome.error;
  if (outcome.transcript) r.transcript = outcome.transcript;
  return r;
}

export function skippedResult(c: Case): CaseResult {
  return result(c, Date.now(), 0, {
    status: 'skipped',
    score: null,
    response: null,
    assertions: [],
    error: null,
  });
}

export function errorResult(
  c: Case,
  startedAt: number,
  error: NonNullable<CaseResult['error']>,
  transcript?: Transcript,
): CaseResult {
  const outcome: Outcome = { status: 'error', score: null, response: null, assertions: [], error };
  if (transcript) outcome.transcript = transcript;
  return result(c, startedAt, Date.now() - startedAt, outcome);
}

function providerError(err: ProviderError): NonNullable<CaseResult['error']> {
  const error: NonNullable<CaseResult['error']> = { kind: err.kind, message: err.message };
  if (err.status !== undefined) error.status = err.status;
  if (err.snippet !== undefined) error.snippet = err.snippet;
  return error;
}

/** Whether a case talks to the model more than once: tools to call, turns to send, a simulated user. */
function isExchange(c: Case): boolean {
  return c.tools !== undefined || (c.turns !== undefined && c.turns.length > 0) || c.simulate !== undefined;
}

/** A failed check of the exchange itself, reported beside the assertions. */
function loopProblem(reason: string): AssertionResult {
  return { type: 'tool-loop', weight: 1, pass: false, score: 0, reason };
}

/**
 * Grader calls of a case: through the run's client (cassettes, retries, the shared cap), keyed to
 * the case, and to `regrade`, judge-check's re-grading sample, when it is above 0.
 */
export function graderFor(client: ChatClient, c: Case, signal: AbortSignal, regrade = 0): GradeFn {
  const context = callOf(c, 'grader', signal);
  return (req) =>
    client.complete(
      { model: req.model, messages: req.messages, ...(req.params ?? {}) },
      regrade > 0 ? { ...context, regrade } : context,
    );
}

/**
 * The simulated user's calls of a case: through the run's client, each user turn a cassette
 * entry of purpose `simulated-user` with the turn as its step.
 */
export function simulatedUserFor(client: ChatClient, c: Case, signal: AbortSignal): UserCall {
  return (request, turn) => client.complete(request, { ...callOf(c, 'simulated-user', signal), step: turn });
}

/** Embeddings for one case's assertions, through the run's client; undefined when it cannot embed. */
export function embedderFor(client: ChatClient, c: Case, signal: AbortSignal): EmbedFn | undefined {
  const embed = client.embed?.bind(client);
  if (!embed) return undefined;
  return (req) => embed(req, callOf(c, 'grader', signal));
}

/** Is this rejection the run being aborted (Ctrl-C), not a fault of the case? */
export function isAbort(err: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted &&
    (err instanceof ProviderError ? err.kind === 'aborted' : (err as Error)?.name === 'AbortError')
  );
}

/**
 * Runs and scores one case. Resolves with its result, or with `null` when the run was
 * aborted mid-call (the case is not finished: `--resume` runs it again).
 */
export async function runCase(c: Case, deps: CaseRunnerDeps): Promise<CaseResult | null> {
  const startedAt = Date.now();
  if (c.skip) return skippedResult(c);
  const gone = deps.retired.get(c.model);
  if (gone) return errorResult(c, startedAt, { kind: 'retired-model', message: gone });

  const suite = deps.suiteOf(c);
  let response: ModelResponse;
  let loop: LoopOutcome | undefined;
  try {
    if (isExchange(c)) {
      const stored = deps.storedTranscript?.(c);
      if (stored) {
        response = await deps.respond(c, deps.signal);
        loop = { response, turnResponses: [], transcript: stored, problems: [] };
      } else {
        const step = (request: ChatRequest, n: number) => deps.respond(c, deps.signal, { request, step: n });
        loop = c.simulate
          ? await runSimulation(c, step, simulatedUserFor(deps.client, c, deps.signal))
          : await runToolLoop(c, step);
        if (loop.error) throw loop.error;
        if (!loop.response) {
          // A simulated user that stopped before its first message: nothing to score.
          const message = loop.problems.join('; ') || 'the exchange ended before the model answered';
          return errorResult(c, startedAt, { kind: 'assertion', message }, loop.transcript);
        }
        response = loop.response;
      }
    } else {
      response = await deps.respond(c, deps.signal);
    }
    deps.siblings?.publish(c, response.output.normalize('NFC'));
  } catch (err) {
    if (isAbort(err, deps.signal)) return null;
    if (err instanceof ProviderError) {
      if (err.kind === 'retired-model') deps.retired.set(c.model, err.message);
      return errorResult(c, startedAt, providerError(err), loop?.transcript);
    }
    throw err;
  }

  if (deps.lane) await deps.lane.turn();
  const grade = graderFor(deps.client, c, deps.signal);
  const input: Parameters<ScoreCase>[0] = { case: c, response, grade, baseDir: suite.dir };
  const embed = embedderFor(deps.client, c, deps.signal);
  if (embed) input.embed = embed;
  const board = deps.siblings;
  if (board) {
    input.siblings = () => board.outputs(c);
    input.shared = (key, make) => board.shared(c, key, make);
  }
  if (loop) input.transcript = loop.transcript;
  const outcome = await deps.scoreCase(input);
  if (outcome.status === 'error' && deps.signal.aborted) return null;
  const problems = (loop?.problems ?? []).map(loopProblem);
  const status = problems.length > 0 && outcome.status === 'pass' ? 'fail' : outcome.status;
  const scored: Outcome = {
    status,
    score: outcome.score,
    response,
    assertions: [...outcome.assertions, ...problems],
    error:
      outcome.status === 'error'
        ? { kind: 'assertion', message: outcome.error ?? 'an assertion could not be evaluated' }
        : null,
  };
  if (loop) scored.transcript = loop.transcript;
  return result(c, startedAt, Date.now() - startedAt, scored);
}
