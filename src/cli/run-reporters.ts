/**
 * What the terminal gets from a run, as reporters fed by the engine's hooks (the same ones the
 * report files get): the progress bar or lines, the summary, GitHub annotations, and the heap
 * guard of a long run (the CLI process may tune V8; the library never does).
 */
import { relative } from 'node:path';
import { githubAnnotations, type Reporter } from '../index.js';
import { limitHeapGrowth, MemoryGuard } from './memory.js';
import type { createProgress } from './progress.js';
import { renderSummary } from './summary-table.js';
import { write } from './terminal.js';

/** The progress bar on a TTY, a line every few seconds elsewhere, nothing with --quiet. */
export function progressReporter(progress: Awaited<ReturnType<typeof createProgress>>): Reporter {
  return { name: 'progress', onRunEvent: progress.onEvent, onRunEnd: () => progress.stop() };
}

/** The summary table, the exit line and the files written, on stdout. */
export function summaryReporter(out: NodeJS.WritableStream = process.stdout, resume?: string): Reporter {
  return {
    name: 'summary',
    onRunEnd(report, end) {
      const { exit } = end;
      const files = end.files.map((f) => relative(process.cwd(), f) || f);
      const exitLine =
        exit.exitCode === 0
          ? `OK: ${exit.reason}`
          : `exit ${exit.exitCode}: ${exit.reason}${end.stopReason ? ` — ${end.stopReason}` : ''}`;
      write(
        out,
        renderSummary(report, exit.failing, {
          files,
          verdict:
            end.interrupted && resume ? `${exitLine}\n  the cases not run yet run with: ${resume}` : exitLine,
          ...(report.comparison ? { comparisonLine: report.comparison.verdict.text } : {}),
        }),
      );
    },
  };
}

/** `::error` lines at each failing test's line, and the step summary, inside GitHub Actions. */
export function annotationsReporter(
  env: NodeJS.ProcessEnv,
  out: NodeJS.WritableStream = process.stdout,
): Reporter {
  return {
    name: 'github-annotations',
    async onRunEnd(report) {
      for (const line of await githubAnnotations(report, env)) write(out, `${line}\n`);
    },
  };
}

/** Keeps a long run's heap near what it holds (see memory.ts). */
export function memoryReporter(): Reporter {
  const guard = new MemoryGuard();
  return {
    name: 'memory',
    onRunStart: (start) => limitHeapGrowth(start.total),
    onCaseResult: () => guard.tick(),
  };
}
