/**
 * Step 2 of a run: cases × answers × scoring → results, with events as they happen. Everything
 * it uses is handed in (the client and its transport, the scorer, where answers come from), so a
 * test drives it with a fake transport and `rescore` drives it with stored answers.
 *
 * Ctrl-C (the signal) stops scheduling at once; calls in flight get `graceMs` to finish, then
 * they are cut. A rejected key or a run out of credits (AuthError) stops the run the same way.
 */
import { setMaxListeners } from 'node:events';
import { comparesLanguages } from '../assertions/meaning.js';
import type { Case } from '../contracts/case.js';
import type { CaseResult, RunEvent } from '../contracts/result.js';
import { AuthError } from '../errors.js';
import type { ChatClient } from '../provider/types.js';
import type { Suite } from '../suite/types.js';
import { type CaseRunnerDeps, type Respond, respondWith, runCase, type ScoreCase } from './case-runner.js';
import { IdleLane } from './idle-lane.js';
import { SiblingBoard } from './siblings.js';

export interface ExecuteDeps {
  client: ChatClient;
  score: ScoreCase;
  suiteOf: (c: Case) => Suite;
  /** Requests in flight at most (the client enforces it; twice as many cases are worked on). */
  concurrency: number;
  emit: (event: RunEvent) => void;
  /** Each result as it finishes, before its event (results.jsonl is written here). */
  onResult?: (result: CaseResult) => void;
  /** Where answers come from; default: the client. */
  respond?: Respond;
  /** Rescore: a case's stored exchange, scored again instead of a new tool loop. */
  storedTranscript?: CaseRunnerDeps['storedTranscript'];
  /** The run's Ctrl-C. */
  signal?: AbortSignal;
  /** How long calls in flight may finish after Ctrl-C (default 5 s). */
  graceMs?: number;
}

export interface Executed {
  /** Finished results, in the order they finished. */
  results: CaseResult[];
  interrupted: boolean;
  /** Why the run stopped on its own. */
  stopError?: AuthError;
}

/** Runs the cases; never throws for a case's failure (it is data on the result). */
export async function execute(cases: readonly Case[], deps: ExecuteDeps): Promise<Executed> {
  const todo: Array<Case | undefined> = [...cases];
  const results: CaseResult[] = [];
  // Every call in flight listens on this one signal: more than Node's default of 10 listeners.
  const callAbort = new AbortController();
  setMaxListeners(0, callAbort.signal);
  const state: { stopScheduling: boolean; interrupted: boolean; stopError?: AuthError } = {
    stopScheduling: false,
    interrupted: false,
  };
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    if (state.interrupted) return;
    state.interrupted = true;
    state.stopScheduling = true;
    deps.emit({ type: 'interrupted' });
    graceTimer = setTimeout(() => callAbort.abort(), deps.graceMs ?? 5000);
    graceTimer.unref();
  };
  if (deps.signal?.aborted) onAbort();
  deps.signal?.addEventListener('abort', onAbort, { once: true });

  const runnerDeps = {
    respond: deps.respond ?? respondWith(deps.client),
    client: deps.client,
    scoreCase: deps.score,
    suiteOf: deps.suiteOf,
    retired: new Map<string, string>(),
    signal: callAbort.signal,
    lane: new IdleLane(),
    siblings: new SiblingBoard(cases),
    ...(deps.storedTranscript ? { storedTranscript: deps.storedTranscript } : {}),
  };
  // Cases that wait for their test's other languages do so off the workers: a worker held by a
  // wait could be the one that would have run the sibling it waits for.
  const waiting: Array<Promise<void>> = [];
  let next = 0;
  const worker = async () => {
    while (!state.stopScheduling && next < todo.length) {
      const i = next++;
      const c = todo[i]!;
      // The case's rendered assertions and vars are not needed once it ran: let them go.
      todo[i] = undefined;
      deps.emit({ type: 'case-start', case_id: c.id });
      if (c.assertions.some(comparesLanguages)) {
        const done = finish(c);
        // Awaited after the workers; marked handled now so a bug's rejection waits for that.
        done.catch(() => undefined);
        waiting.push(done);
      } else await finish(c);
    }
  };
  const finish = async (c: Case): Promise<void> => {
    let result: CaseResult | null;
    try {
      result = await runCase(c, runnerDeps);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      if (!state.stopError) {
        state.stopError = err;
        state.stopScheduling = true;
        deps.emit({ type: 'stopped', reason: err.message });
        callAbort.abort();
      }
      return;
    } finally {
      // An error, a skip or an abort still tells the siblings there is no answer to wait for.
      runnerDeps.siblings.publish(c, null);
    }
    if (result === null) return;
    deps.onResult?.(result);
    results.push(result);
    deps.emit({ type: 'case-result', result });
  };
  // Twice as many workers as request slots: a worker busy scoring (or waiting on a grader)
  // never leaves a slot idle, and the client's limiter still caps requests in flight.
  const workers = Math.max(1, Math.min(todo.length, deps.concurrency * 2));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
    // Cases never scheduled (Ctrl-C, a stop) will not answer: release whoever waits for them.
    for (const c of todo) if (c) runnerDeps.siblings.publish(c, null);
    await Promise.all(waiting);
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    deps.signal?.removeEventListener('abort', onAbort);
  }
  const executed: Executed = { results, interrupted: state.interrupted };
  if (state.stopError) executed.stopError = state.stopError;
  return executed;
}
