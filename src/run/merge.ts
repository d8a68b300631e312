/** Joins shard reports into the report an unsharded run would give (timings aside). */

import type { Report, RunInfo } from '../contracts/report.js';
import type { CaseResult } from '../contracts/result.js';
import { InputError } from '../errors.js';
import { buildReport } from './build-report.js';

/**
 * Merges reports: every case once (a case id in two shards is an input error: the shards were
 * not made from the same suites), run info combined, summary recomputed from the cases.
 */
export function mergeReports(reports: Array<{ path: string; report: Report }>): Report {
  if (reports.length === 0) throw new InputError('qeval merge needs at least one report');
  const seen = new Map<string, string>();
  const cases: CaseResult[] = [];
  for (const { path, report } of reports) {
    for (const c of report.cases) {
      const other = seen.get(c.id);
      if (other !== undefined)
        throw new InputError(`case ${c.id} is in both ${other} and ${path}: were these shards of one run?`);
      seen.set(c.id, path);
      cases.push(c);
    }
  }
  const runs = reports.map((r) => r.report.run);
  const first = runs[0]!;
  const started = runs.map((r) => r.started_at).sort()[0]!;
  const finished = runs
    .map((r) => r.finished_at)
    .sort()
    .at(-1)!;
  const suites = new Map<string, RunInfo['suites'][number]>();
  for (const r of runs) for (const s of r.suites) suites.set(s.file, s);
  const run: RunInfo = {
    id: first.id,
    started_at: started,
    finished_at: finished,
    duration_ms: Math.max(...runs.map((r) => r.duration_ms)),
    qeval_version: first.qeval_version,
    mode: first.mode,
    models: [...new Set(runs.flatMap((r) => r.models))],
    suites: [...suites.values()].sort((a, b) => a.file.localeCompare(b.file)),
    git_commit: first.git_commit,
    incomplete: runs.some((r) => r.incomplete),
    shard: null,
  };
  return buildReport(cases, run);
}
