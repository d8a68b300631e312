/**
 * The run engine, in three plain steps: plan (settings → cases), execute (cases × client ×
 * scorer → results), finish (report, comparison, exit decision, reporters). It never prints and
 * never exits: what happens goes to the reporters, and the outcome is returned. Ctrl-C is an
 * AbortSignal.
 */
import { closeScriptWorkers } from '../assertions/custom/file-script.js';
import type { CassetteTransport } from '../cassette/transport.js';
import type { Diagnostic } from '../contracts/diagnostic.js';
import type { Report } from '../contracts/report.js';
import type { Reporter } from '../contracts/reporter.js';
import type { ExitDecision, RunListener } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import { type AuthError, formatDiagnostic, InputError, QevalError } from '../errors.js';
import { fetchTransport, type Transport } from '../provider/transport.js';
import type { ClientEvent } from '../provider/types.js';
import type { Suite } from '../suite/types.js';
import type { ScoreCase } from './case-runner.js';
import { execute } from './execute.js';
import { settingsCassettes, settingsClient } from './gateway.js';
import { lockOutput, type OutputLock } from './output-lock.js';
import { planRun, type RunPlan, requireKey, type SettingsSource } from './plan.js';
import { ReporterHub } from './reporter-hub.js';
import { ResultsWriter } from './results-stream.js';
import { firstRequestOf } from './simulate.js';

export interface RunOptions extends SettingsSource {
  /** Abort to stop the run (Ctrl-C): scheduling stops, calls in flight get `graceMs` to finish. */
  signal?: AbortSignal;
  graceMs?: number;
  /** Observers of the run, after the report files (which `format` chooses). */
  reporters?: Reporter[];
  /** Shorthand for a reporter that only listens to events. */
  onEvent?: RunListener;
  /** A note written into cassettes this run records. */
  cassetteNote?: string;
  /** Where calls go instead of the network or the cassettes (tests hand in a fake). */
  transport?: Transport;
}

export interface RunOutcome {
  report: Report;
  settings: Settings;
  /** Files written: results.jsonl and the reports. */
  files: string[];
  /** How the process should end (SPEC §4) and why. */
  exit: ExitDecision;
  /** Set when the run stopped early on its own (bad key, no credits). */
  stopError?: AuthError;
  interrupted: boolean;
  warnings: Diagnostic[];
}

/** Runs suites and writes results.jsonl and the reports. */
export async function run(options: RunOptions = {}): Promise<RunOutcome> {
  const plan = await planRun(options);
  if (!options.transport) requireKey(plan);
  const lock = await lockOutput(plan.outDir);
  try {
    return await runPlanned(plan, lock, options);
  } finally {
    await lock.release();
  }
}

/** Starts loading a module on first use, once. */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}

async function runPlanned(plan: RunPlan, lock: OutputLock, options: RunOptions): Promise<RunOutcome> {
  // Scoring, the end of the run and the report renderers are not needed before the first
  // answer. They start loading once the first calls are sent and load while those are in
  // flight, not before them: a latency-bound run waits for every millisecond of start-up.
  const scoring = onFirstUse(() => import('../assertions/score.js'));
  const finishing = onFirstUse(() => import('./finish.js'));
  const rendering = onFirstUse(() => import('../report/reporters.js'));
  const score: ScoreCase = async (input) => (await scoring()).scoreCase(input);
  const reporters = new ReporterHub([
    filesReporter(plan.settings, plan.resultsPath, rendering),
    ...(options.reporters ?? []),
    ...(options.onEvent ? [{ name: 'onEvent', onRunEvent: options.onEvent }] : []),
  ]);
  for (const w of plan.warnings) reporters.emit({ type: 'warning', message: formatDiagnostic(w) });
  if (lock.takenFrom !== undefined) {
    reporters.emit({
      type: 'warning',
      message: `${plan.outDir}: took over the lock of a qeval run that is no longer running (pid ${lock.takenFrom})`,
    });
  }
  // The cassettes first: a run they refuse leaves the output folder, results.jsonl included, as
  // the last run left it.
  const cassettes = options.transport ? undefined : await openTransport(plan, options.cassetteNote);
  const transport = options.transport ?? cassettes ?? fetchTransport();
  const affected = cassettes && plan.settings.affected ? countAffected(plan, cassettes) : undefined;
  if (affected && affected.changed > 0 && !plan.settings.apiKey) {
    await transport.close();
    throw new InputError(
      `--affected: ${affected.changed} of ${affected.total} cases changed (no recording of their request); sending them needs AIMLAPI_KEY (https://aimlapi.com/app/keys)`,
      'E_NO_KEY',
    );
  }
  const writer = await ResultsWriter.open(plan.resultsPath, plan.settings.resume).catch(
    async (err: unknown) => {
      await transport.close();
      throw err;
    },
  );
  // The run starts for its reporters once nothing can refuse it any more.
  reporters.emit({
    type: 'run-start',
    total: plan.cases.length,
    run_id: plan.runId,
    mode: plan.settings.mode,
    models: plan.models,
    results_path: plan.resultsPath,
  });
  for (const result of plan.kept) reporters.emit({ type: 'case-result', result });

  const client = settingsClient(plan.settings, transport, (e) => reporters.emit(waitEvent(e)));
  const suites = new Map(plan.suites.map((s) => [s.name, s]));
  let cassetteError: unknown;
  let executed: Awaited<ReturnType<typeof execute>>;
  try {
    const executing = execute(plan.todo, {
      client,
      score,
      suiteOf: (c) => suites.get(c.suite) as Suite,
      concurrency: plan.settings.concurrency,
      emit: reporters.emit,
      onResult: (r) => writer.write(r),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    });
    setImmediate(() => {
      // The first calls are out: now the modules of the end (their failures surface where they
      // are used) and the git commit, which only the report needs.
      for (const load of [scoring, finishing, rendering]) load().catch(() => undefined);
      void plan.commit();
    });
    executed = await executing;
  } finally {
    // Side by side: each mostly waits on the file system or a thread. A cassette that cannot be
    // written (a full disk) must not cost the run its reports: it is said at the end instead.
    const [, closed] = await Promise.all([
      writer.close(),
      options.transport
        ? undefined
        : transport.close().then(
            () => undefined,
            (err: unknown) => err,
          ),
      closeScriptWorkers(),
    ]);
    cassetteError = closed;
  }
  const { report, exit, files } = await (await finishing()).finishRun(plan, executed, reporters, affected);
  if (cassetteError !== undefined) {
    if (!(cassetteError instanceof QevalError)) throw cassetteError;
    const recorded = executed.results.filter((r) => r.response?.source === 'live').length;
    const resultsFile = files[0] ?? plan.resultsPath;
    throw new InputError(
      `${cassetteError.message}. The ${recorded} answer(s) this run recorded are kept in ${resultsFile} and report.json, not in the cassette; free the space and record again`,
      cassetteError.code,
      cassetteError,
    );
  }
  const outcome: RunOutcome = {
    report,
    settings: plan.settings,
    files,
    exit,
    interrupted: executed.interrupted,
    warnings: plan.warnings,
  };
  if (executed.stopError) outcome.stopError = executed.stopError;
  return outcome;
}

/**
 * The report files `format` asks for, written side by side into the output folder. The renderers
 * (Handlebars, the templates) are only needed at the end: they load while the first calls are in
 * flight instead of before them.
 */
function filesReporter(
  settings: Settings,
  resultsPath: string,
  renderers: () => Promise<typeof import('../report/reporters.js')>,
): Reporter {
  return {
    name: 'files',
    onRunEnd: async (report, end) => {
      try {
        return await (await renderers()).writeReports(report, end.outDir, settings.format);
      } catch (err) {
        // A full or read-only disk: the answers are already in results.jsonl, and --resume
        // writes the reports from them without calling the model again.
        if (!(err instanceof QevalError) || err.code !== 'E_IO') throw err;
        throw new InputError(
          `${err.message}. The ${report.cases.length} result(s) of this run are kept in ${resultsPath}: free the space, then run the same command with --resume to write the reports without calling the model again`,
          err.code,
          err,
        );
      }
    },
  };
}

/** The run's cassettes (none in live mode). */
function openTransport(plan: RunPlan, note: string | undefined): Promise<CassetteTransport | undefined> {
  return settingsCassettes(
    plan.settings,
    plan.suites.map((s) => ({ name: s.name, file: s.file })),
    plan.cwd,
    { note, affected: plan.settings.affected },
  );
}

/** `--affected`: how many of the cases to run have no recording of their request. */
function countAffected(plan: RunPlan, cassettes: CassetteTransport): { changed: number; total: number } {
  const changed = plan.todo.filter((c) => !cassettes.has(firstRequestOf(c), c.sample, c.suite)).length;
  return { changed, total: plan.todo.length };
}

function waitEvent(e: ClientEvent) {
  return e.type === 'retry'
    ? ({
        type: 'retry',
        case_id: e.caseId,
        attempt: e.attempt,
        delay_ms: e.delay_ms,
        reason: e.reason,
      } as const)
    : ({ type: 'rate-limited', case_id: e.caseId, delay_ms: e.delay_ms } as const);
}
