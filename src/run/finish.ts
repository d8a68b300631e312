/**
 * Step 3 of a run: the results → report.json's object, the comparison (against `--baseline`, or
 * between the two models of a two-model run), the exit decision, and every reporter's end (the
 * report files, then whatever else was given: a summary, annotations).
 */
import { resolve } from 'node:path';
import { compareReports, compareWithin } from '../compare/compare.js';
import type { Report } from '../contracts/report.js';
import type { ExitDecision } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import { readReport } from '../report/read.js';
import { buildReport } from './build-report.js';
import type { Executed } from './execute.js';
import { decideExit } from './exit-decision.js';
import { qevalVersion } from './meta.js';
import type { RunPlan } from './plan.js';
import type { ReporterHub } from './reporter-hub.js';
import { parseShard } from './shard.js';

export interface Finished {
  report: Report;
  exit: ExitDecision;
  /** results.jsonl and every file the reporters wrote. */
  files: string[];
}

export async function finishRun(
  plan: RunPlan,
  executed: Executed,
  reporters: ReporterHub,
  affected?: { changed: number; total: number },
): Promise<Finished> {
  const { settings } = plan;
  const incomplete =
    executed.interrupted ||
    executed.stopError !== undefined ||
    plan.kept.length + executed.results.length < plan.cases.length;
  reporters.emit({ type: 'run-end', incomplete });
  const report = buildReport([...plan.kept, ...executed.results], {
    id: plan.runId,
    started_at: plan.startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    duration_ms: Date.now() - plan.startedAt.getTime(),
    qeval_version: qevalVersion(),
    mode: settings.mode,
    models: plan.models,
    suites: plan.suites.map((s) => ({ name: s.name, file: s.file, ...(s.title ? { title: s.title } : {}) })),
    git_commit: await plan.commit(),
    incomplete,
    shard: settings.shard ? parseShard(settings.shard) : null,
  });
  if (affected) report.run.affected = affected;
  await attachComparison(report, settings, plan.cwd);
  const exit = decideExit(report, settings, {
    interrupted: executed.interrupted,
    stopped: executed.stopError !== undefined,
  });
  const files = await reporters.end(report, {
    settings,
    outDir: plan.outDir,
    files: [plan.resultsPath],
    exit,
    interrupted: executed.interrupted,
    ...(executed.stopError ? { stopReason: executed.stopError.message } : {}),
  });
  return { report, exit, files };
}

/** Adds the comparison: against `--baseline`, else between the two models of a two-model run. */
async function attachComparison(report: Report, settings: Settings, cwd: string): Promise<void> {
  if (settings.baseline) {
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
    report.comparison = compareWithin(report, report.run.models[0]!, report.run.models[1]!);
  }
}
