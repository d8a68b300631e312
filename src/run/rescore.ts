/**
 * Scores a report's stored responses again with the suites' current assertions. No model is
 * called: grader calls replay from the cassettes (a missing grader recording is an `error`).
 */
import { setMaxListeners } from 'node:events';
import { resolve } from 'node:path';
import type { Case } from '../contracts/case.js';
import type { Report } from '../contracts/report.js';
import type { CaseResult, RunListener } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import { buildReport } from './build-report.js';
import { graderFor, isAbort } from './case-runner.js';

export interface RescoreOutcome {
  report: Report;
  /** Cases whose test no longer exists in the suites: kept as they were. */
  orphaned: number;
  rescored: number;
}

export async function rescore(
  previous: Report,
  settings: Settings,
  options: { cwd?: string; onEvent?: RunListener } = {},
): Promise<RescoreOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const { loadSuites } = await import('../suite/load.js');
  const { expandCases } = await import('../suite/expand.js');
  const files = previous.run.suites.map((s) => resolve(cwd, s.file));
  const { suites } = await loadSuites(files, { cwd });
  const maxSample = previous.cases.reduce((m, c) => Math.max(m, c.sample), 0);
  const cases = await expandCases(suites, { models: previous.run.models, repeat: maxSample + 1 });
  const byId = new Map<string, Case>(cases.map((c) => [c.id, c]));
  const suiteByName = new Map(suites.map((s) => [s.name, s]));

  const { openCassettes } = await import('../cassette/transport.js');
  const transport = await openCassettes({
    mode: 'replay',
    suites: suites.map((s) => ({ name: s.name, file: s.file })),
    baseUrl: settings.baseUrl,
    ...(settings.cassettes ? { dir: resolve(cwd, settings.cassettes) } : {}),
  });
  const { createClient } = await import('../provider/client.js');
  const { scoreCase } = await import('../assertions/score.js');
  const client = createClient({
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeout,
    retries: 0,
    concurrency: settings.concurrency,
    prices: settings.prices,
    transport,
  });
  const signal = new AbortController().signal;
  setMaxListeners(0, signal);

  let orphaned = 0;
  let rescored = 0;
  const out: CaseResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < previous.cases.length) {
      const old = previous.cases[next++]!;
      const c = byId.get(old.id);
      if (!c) {
        orphaned++;
        out.push(old);
        continue;
      }
      if (!old.response || old.status === 'skipped') {
        out.push(old);
        continue;
      }
      const grade = graderFor(client, c, signal);
      const suite = suiteByName.get(c.suite)!;
      try {
        const outcome = await scoreCase({ case: c, response: old.response, grade, baseDir: suite.dir });
        const r: CaseResult = {
          ...old,
          status: outcome.status,
          score: outcome.score,
          assertions: outcome.assertions,
          error:
            outcome.status === 'error'
              ? { kind: 'assertion', message: outcome.error ?? 'an assertion could not be evaluated' }
              : null,
          pass_rate: c.pass_rate,
          line: c.pos.line,
          col: c.pos.col,
        };
        if (c.threshold !== undefined) r.threshold = c.threshold;
        else delete r.threshold;
        out.push(r);
        rescored++;
        options.onEvent?.({ type: 'case-result', result: r });
      } catch (err) {
        if (isAbort(err, signal)) continue;
        throw err;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
  } finally {
    await transport.close();
  }
  const now = new Date().toISOString();
  const report = buildReport(out, {
    ...previous.run,
    started_at: previous.run.started_at,
    finished_at: now,
  });
  return { report, orphaned, rescored };
}
