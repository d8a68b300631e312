/**
 * Scores a report's stored answers again with the suites' current assertions: the run's execute
 * step, with the stored answers as the source of each case's answer and a replay-only transport
 * for grader calls (a missing grader recording is an `error`). No model is called.
 */
import { scoreCase } from '../assertions/score.js';
import type { Case } from '../contracts/case.js';
import type { Report } from '../contracts/report.js';
import type { CaseResult, RunListener } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import type { Transport } from '../provider/transport.js';
import { buildReport } from './build-report.js';
import { execute } from './execute.js';
import { clientFor, loadStoredCases, transportFor } from './stored-cases.js';

export interface RescoreOutcome {
  report: Report;
  /** Cases whose test no longer exists in the suites: kept as they were. */
  orphaned: number;
  rescored: number;
}

export async function rescore(
  previous: Report,
  settings: Settings,
  options: { cwd?: string; onEvent?: RunListener; transport?: Transport } = {},
): Promise<RescoreOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const { suites, suiteByName, byId, stored } = await loadStoredCases(previous, cwd);

  // What is rescored: cases whose test still exists and that have an answer to score.
  const kept: CaseResult[] = [];
  const todo: Case[] = [];
  let orphaned = 0;
  for (const old of previous.cases) {
    const c = byId.get(old.id);
    if (!c) orphaned++;
    if (!c || !old.response || old.status === 'skipped') kept.push(old);
    else todo.push(c);
  }

  const transport = options.transport ?? (await transportFor(settings, suites, cwd, 'replay'));
  const client = clientFor(settings, transport, 0);
  let executed: Awaited<ReturnType<typeof execute>>;
  try {
    executed = await execute(todo, {
      client,
      score: scoreCase,
      suiteOf: (c) => suiteByName.get(c.suite)!,
      concurrency: settings.concurrency,
      emit: (e) => options.onEvent?.(e),
      respond: async (c) => stored.get(c.id)!.response!,
      storedTranscript: (c) => stored.get(c.id)?.transcript,
    });
  } finally {
    if (!options.transport) await transport.close();
  }
  // A rescored case keeps the request it was answered for, and when and how long its call took.
  const rescored = executed.results.map((r) => {
    const old = stored.get(r.id)!;
    return { ...r, request: old.request, started_at: old.started_at, duration_ms: old.duration_ms };
  });
  const report = buildReport([...kept, ...rescored], {
    ...previous.run,
    finished_at: new Date().toISOString(),
  });
  return { report, orphaned, rescored: rescored.length };
}
