/**
 * The run engine: suites → cases → calls → scores → results → reports. It never prints and
 * never exits; it emits events and returns the report. Ctrl-C is an AbortSignal.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { resolveSettings } from '../config/resolve.js';
import type { Case } from '../contracts/case.js';
import type { Diagnostic } from '../contracts/diagnostic.js';
import type { Report } from '../contracts/report.js';
import type { CaseResult, RunEvent, RunListener } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import { AuthError, formatDiagnostic, type QevalError } from '../errors.js';
import type { Suite } from '../suite/types.js';
import { runCase } from './case-runner.js';
import { IdleLane } from './idle-lane.js';
import { limitHeapGrowth, MemoryGuard } from './memory-guard.js';
import { gitCommit, qevalVersion } from './meta.js';
import { ResultsWriter, readResults } from './results-stream.js';
import { inShard, parseShard } from './shard.js';

export interface RunOptions {
  /** Suite files, directories or globs (default: config `suites`, else `suites/`). */
  paths?: string[];
  cwd?: string;
  /** Settings that win over the config file and env (the CLI's flags). */
  settings?: Partial<Settings>;
  /** Config file path (default `./qeval.config.yaml` when present). */
  config?: string;
  env?: NodeJS.ProcessEnv;
  /** Abort to stop the run (Ctrl-C): scheduling stops, calls in flight get `graceMs` to finish. */
  signal?: AbortSignal;
  graceMs?: number;
  onEvent?: RunListener;
  /** A note written into cassettes this run records. */
  cassetteNote?: string;
}

export interface RunOutcome {
  report: Report;
  settings: Settings;
  /** Files written: results.jsonl and the reports. */
  files: string[];
  /** Set when the run stopped early on its own (bad key, no credits). */
  stopError?: QevalError;
  interrupted: boolean;
  warnings: Diagnostic[];
}

/** Resolves the settings of a run: defaults < config file < env < given settings. */
export async function resolveRunSettings(
  options: RunOptions,
): Promise<{ settings: Settings; suitePaths: string[]; defaultModels?: string[] }> {
  const cwd = options.cwd ?? process.cwd();
  const config = await loadConfig(options.config, cwd);
  const settings = resolveSettings(
    config.values,
    options.env ?? process.env,
    (options.settings ?? {}) as Record<string, unknown>,
  );
  const fromConfig = Array.isArray(config.values.suites) ? (config.values.suites as string[]) : undefined;
  const suitePaths = options.paths?.length ? options.paths : (fromConfig ?? ['suites']);
  // `-m` overrides every suite's models; the config's `models` is only the default for suites
  // that name none.
  const flagModels = options.settings?.models;
  if (flagModels?.length) return { settings: { ...settings, models: flagModels }, suitePaths };
  const { models: defaultModels, ...rest } = settings;
  return defaultModels ? { settings: rest, suitePaths, defaultModels } : { settings: rest, suitePaths };
}

/** Selects the cases of this run: expansion, then the shard. */
export async function planCases(suites: Suite[], settings: Settings): Promise<Case[]> {
  const { expandCases } = await import('../suite/expand.js');
  const expandOptions: import('../suite/expand.js').ExpandOptions = {};
  if (settings.models) expandOptions.models = settings.models;
  if (settings.repeat !== undefined) expandOptions.repeat = settings.repeat;
  if (settings.filter !== undefined) expandOptions.filter = settings.filter;
  if (settings.tag) expandOptions.tags = settings.tag;
  if (settings.lang) expandOptions.langs = settings.lang;
  let cases = await expandCases(suites, expandOptions);
  if (settings.shard) {
    const shard = parseShard(settings.shard);
    cases = cases.filter((c) => inShard(c.id, shard));
  }
  return cases;
}

/** Runs suites and writes results.jsonl and the reports. */
export async function run(options: RunOptions = {}): Promise<RunOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const emit = (e: RunEvent) => options.onEvent?.(e);
  const { settings, suitePaths, defaultModels } = await resolveRunSettings(options);
  const startedAt = new Date();
  // Asked now, answered by the time the report needs it.
  const commit = gitCommit(cwd);

  const { loadSuites } = await import('../suite/load.js');
  const { suites, warnings } = await loadSuites(suitePaths, {
    cwd,
    ...(defaultModels ? { defaultModels } : {}),
  });
  for (const w of warnings) emit({ type: 'warning', message: formatDiagnostic(w) });
  const cases = await planCases(suites, settings);
  const suiteByName = new Map(suites.map((s) => [s.name, s]));

  const outDir = resolve(cwd, settings.output);
  const resultsPath = join(outDir, 'results.jsonl');
  const previous = settings.resume ? (await readResults(resultsPath)).results : new Map<string, CaseResult>();
  const wanted = new Set(cases.map((c) => c.id));
  const kept: CaseResult[] = [];
  for (const [id, r] of previous) if (wanted.has(id)) kept.push(r);
  const todo = settings.resume ? cases.filter((c) => !previous.has(c.id)) : cases;

  const runId = randomUUID();
  const models = [...new Set(cases.map((c) => c.model))];
  emit({ type: 'run-start', total: cases.length, run_id: runId, mode: settings.mode, models });
  for (const r of kept) emit({ type: 'case-result', result: r });

  const writer = await ResultsWriter.open(resultsPath, settings.resume);
  // A live run keeps no cassettes: the client's default transport (the network) is all it needs,
  // and the cassette modules are not loaded.
  let transport: import('../cassette/transport.js').CassetteTransport | undefined;
  if (settings.mode !== 'live') {
    const { openCassettes } = await import('../cassette/transport.js');
    const cassetteOptions: import('../cassette/transport.js').CassetteOptions = {
      mode: settings.mode,
      suites: suites.map((s) => ({ name: s.name, file: s.file })),
      baseUrl: settings.baseUrl,
    };
    if (settings.cassettes) cassetteOptions.dir = resolve(cwd, settings.cassettes);
    if (settings.maxAge !== undefined) cassetteOptions.maxAgeDays = settings.maxAge;
    if (settings.apiKey) cassetteOptions.apiKey = settings.apiKey;
    if (options.cassetteNote) cassetteOptions.note = options.cassetteNote;
    transport = await openCassettes(cassetteOptions);
  }

  const { createClient } = await import('../provider/client.js');
  // Scoring is needed once the first answer is back: its modules (every assertion family) load
  // while the first calls are in flight instead of before they are sent.
  type ScoreCase = typeof import('../assertions/score.js').scoreCase;
  let scoring: Promise<ScoreCase> | undefined;
  let scoreNow: ScoreCase | undefined;
  const loadScoring = () =>
    (scoring ??= import('../assertions/score.js').then((m) => {
      scoreNow = m.scoreCase;
      return m.scoreCase;
    }));
  const scoreCase: ScoreCase = (input) => (scoreNow ? scoreNow(input) : loadScoring().then((f) => f(input)));
  const client = createClient({
    baseUrl: settings.baseUrl,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    timeoutMs: settings.timeout,
    retries: settings.retries,
    concurrency: settings.concurrency,
    ...(settings.rpm ? { rpm: settings.rpm } : {}),
    prices: settings.prices,
    ...(transport ? { transport } : {}),
    onEvent: (e) => {
      if (e.type === 'retry') {
        emit({
          type: 'retry',
          case_id: e.caseId,
          attempt: e.attempt,
          delay_ms: e.delay_ms,
          reason: e.reason,
        });
      } else emit({ type: 'rate-limited', case_id: e.caseId, delay_ms: e.delay_ms });
    },
  });

  // Two signals: `stopScheduling` when the user interrupts or the run must stop; `callAbort`
  // cuts calls still in flight once the grace period is over.
  const callAbort = new AbortController();
  // Every call in flight listens on this one signal: more than Node's default of 10.
  setMaxListeners(0, callAbort.signal);
  let stopScheduling = false;
  let interrupted = false;
  let stopError: QevalError | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    if (interrupted) return;
    interrupted = true;
    stopScheduling = true;
    emit({ type: 'interrupted' });
    graceTimer = setTimeout(() => callAbort.abort(), options.graceMs ?? 5000);
    graceTimer.unref();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const fresh: CaseResult[] = [];
  // Loading made its garbage and is done with it: from here the heap grows by at most 1.5×.
  limitHeapGrowth(todo.length);
  const memory = new MemoryGuard();
  const lane = new IdleLane();
  // The reporters load while calls are in flight, not after the last one.
  const reporters = import('../report/reporters.js');
  reporters.catch(() => undefined);
  // So does the summary (its statistics), which only the finished run needs.
  const reportBuilder = import('./build-report.js');
  reportBuilder.catch(() => undefined);
  const retired = new Map<string, string>();
  const suiteOf = (c: Case) => suiteByName.get(c.suite)!;
  let next = 0;
  const worker = async () => {
    while (!stopScheduling && next < todo.length) {
      const i = next++;
      const c = todo[i]!;
      // The case's rendered assertions and vars are not needed once it ran: let them go.
      (todo as Array<Case | undefined>)[i] = undefined;
      emit({ type: 'case-start', case_id: c.id });
      let result: CaseResult | null;
      try {
        result = await runCase(c, {
          client,
          scoreCase,
          suiteOf,
          retired,
          signal: callAbort.signal,
          lane,
        });
      } catch (err) {
        if (err instanceof AuthError) {
          if (!stopError) {
            stopError = err;
            stopScheduling = true;
            emit({ type: 'stopped', reason: err.message });
            callAbort.abort();
          }
          continue;
        }
        throw err;
      }
      if (result === null) continue;
      writer.write(result);
      fresh.push(result);
      memory.tick();
      emit({ type: 'case-result', result });
    }
  };
  // Twice as many workers as request slots: a worker busy scoring (or waiting on a grader)
  // never leaves a slot idle, and the client's limiter still caps requests in flight.
  const workers = Math.max(1, Math.min(todo.length, settings.concurrency * 2));
  try {
    const running = Array.from({ length: workers }, worker);
    // The first calls are on their way: load scoring while they are answered.
    loadScoring().catch(() => undefined);
    await Promise.all(running);
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', onAbort);
    // Side by side: each mostly waits on the file system or a thread.
    await Promise.all([
      writer.close(),
      transport?.close(),
      import('../assertions/custom/file-script.js').then((m) => m.closeScriptWorkers()),
    ]);
  }

  const incomplete = interrupted || stopError !== undefined || kept.length + fresh.length < cases.length;
  emit({ type: 'run-end', incomplete });
  const { buildReport } = await reportBuilder;
  const report = buildReport([...kept, ...fresh], {
    id: runId,
    started_at: startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    duration_ms: Date.now() - startedAt.getTime(),
    qeval_version: qevalVersion(),
    mode: settings.mode,
    models,
    suites: suites.map((s) => ({ name: s.name, file: s.file })),
    git_commit: await commit,
    incomplete,
    shard: settings.shard ? parseShard(settings.shard) : null,
  });
  await attachComparison(report, settings, cwd);

  const { writeReports } = await reporters;
  const files = [resultsPath, ...(await writeReports(report, outDir, settings.format))];
  const outcome: RunOutcome = { report, settings, files, interrupted, warnings };
  if (stopError) outcome.stopError = stopError;
  return outcome;
}

/** Adds the comparison: against `--baseline`, else between the two models of a two-model run. */
async function attachComparison(report: Report, settings: Settings, cwd: string): Promise<void> {
  if (settings.baseline) {
    const { readReport } = await import('../report/read.js');
    const { compareReports } = await import('../compare/compare.js');
    const baseline = await readReport(resolve(cwd, settings.baseline));
    report.run.baseline = settings.baseline;
    report.comparison = compareReports(
      baseline,
      report,
      settings.maxDrop !== undefined ? { maxDropPp: settings.maxDrop } : {},
    );
    return;
  }
  if (report.run.models.length === 2 && !report.run.incomplete) {
    const { compareWithin } = await import('../compare/compare.js');
    report.comparison = compareWithin(report, report.run.models[0]!, report.run.models[1]!);
  }
}
