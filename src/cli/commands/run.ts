/** `qeval run [paths…]`: the engine plus progress, summary, annotations and the exit code. */
import { relative } from 'node:path';
import type { Command } from 'commander';
import type { Settings } from '../../contracts/settings.js';
import { run } from '../../run/engine.js';
import { decideExit } from '../../run/exit-decision.js';
import { explicitFlags } from '../options.js';
import { createProgress } from '../progress.js';
import { renderSummary } from '../summary-table.js';

export async function execute(
  paths: string[],
  _opts: Record<string, unknown>,
  cmd: Command,
): Promise<number> {
  const flags = explicitFlags(cmd);
  const { config, model, ...rest } = flags as { config?: string; model?: string[] } & Record<string, unknown>;
  const settings: Partial<Settings> = { ...(rest as Partial<Settings>) };
  if (model) settings.models = model;

  // Ctrl-C once: stop scheduling, finish what is in flight, write the report (exit 130).
  // Ctrl-C twice: leave at once; results.jsonl holds every finished case line by line.
  const controller = new AbortController();
  let sigints = 0;
  const onSigint = () => {
    sigints++;
    if (sigints === 1) controller.abort();
    else process.exit(130);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  const quiet = Boolean(settings.quiet);
  const progress = await createProgress({
    tty: Boolean(process.stderr.isTTY),
    enabled: settings.progress !== false,
    quiet,
    intervalMs: Number(process.env.QEVAL_PROGRESS_INTERVAL_MS) || 5000,
  });
  try {
    const outcome = await run({
      paths,
      ...(config ? { config } : {}),
      settings,
      signal: controller.signal,
      onEvent: progress.onEvent,
      ...(process.env.QEVAL_CASSETTE_NOTE ? { cassetteNote: process.env.QEVAL_CASSETTE_NOTE } : {}),
    });
    progress.stop();
    const { report } = outcome;
    const verdict = decideExit(report, outcome.settings, {
      interrupted: outcome.interrupted,
      stopped: outcome.stopError !== undefined,
    });
    const comparisonLine = report.comparison?.verdict.text;
    const files = outcome.files.map((f) => relative(process.cwd(), f) || f);
    const exitLine =
      verdict.exitCode === 0
        ? `OK: ${verdict.reason}`
        : `exit ${verdict.exitCode}: ${verdict.reason}${outcome.stopError ? ` — ${outcome.stopError.message}` : ''}`;
    process.stdout.write(
      renderSummary(report, verdict.failing, {
        files,
        verdict: exitLine,
        ...(comparisonLine ? { comparisonLine } : {}),
      }),
    );
    if (process.env.GITHUB_ACTIONS === 'true') {
      const { githubAnnotations } = await import('../../report/github.js');
      for (const line of await githubAnnotations(report, process.env)) process.stdout.write(`${line}\n`);
    }
    if (outcome.stopError) process.stderr.write(`qeval: ${outcome.stopError.message}\n`);
    return verdict.exitCode;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
