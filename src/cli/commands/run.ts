/** `qeval run [paths…]`: the engine with the terminal's reporters, and the exit code. */
import { relative } from 'node:path';
import type { Command } from 'commander';
import { type Reporter, run, type Settings } from '../../index.js';
import { explicitFlags } from '../options.js';
import { createProgress } from '../progress.js';
import { annotationsReporter, memoryReporter, progressReporter, summaryReporter } from '../run-reporters.js';
import { stderr } from '../terminal.js';

export async function execute(
  paths: string[],
  _opts: Record<string, unknown>,
  cmd: Command,
): Promise<number> {
  const flags = explicitFlags(cmd);
  const { config, model, ...rest } = flags as { config?: string; model?: string[] } & Record<string, unknown>;
  const settings: Partial<Settings> = { ...(rest as Partial<Settings>) };
  if (model) settings.models = model;
  if (!settings.watch) return runOnce(paths, config, settings);
  const { watchRuns } = await import('../watch.js');
  return watchRuns({
    paths,
    ...(config ? { config } : {}),
    settings,
    runOnce: (changed) => runOnce(changed ?? paths, config, settings),
  });
}

/** One run with the terminal's reporters; resolves with its exit code. */
async function runOnce(
  paths: string[],
  config: string | undefined,
  settings: Partial<Settings>,
): Promise<number> {
  // Ctrl-C once: stop scheduling, finish what is in flight, write the report (exit 130).
  // Ctrl-C twice: leave at once; results.jsonl holds every finished case line by line.
  const controller = new AbortController();
  const kept = { results: 0, path: '' };
  let sigints = 0;
  const onSigint = () => {
    sigints++;
    if (sigints === 1) {
      controller.abort();
      return;
    }
    const where = kept.path ? relative(process.cwd(), kept.path) || kept.path : 'results.jsonl';
    stderr(
      `\nqeval: stopped at once, no report written; the ${kept.results} finished case(s) are kept in ${where}. To go on: ${resumeCommand()}\n`,
    );
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  const progress = await createProgress({
    tty: Boolean(process.stderr.isTTY),
    enabled: settings.progress !== false,
    quiet: Boolean(settings.quiet),
    intervalMs: Number(process.env.QEVAL_PROGRESS_INTERVAL_MS) || 5000,
  });
  const reporters: Reporter[] = [
    {
      name: 'kept',
      onRunStart: (start) => {
        kept.path = start.results_path;
      },
      onCaseResult: () => {
        kept.results++;
      },
    },
    progressReporter(progress),
    memoryReporter(),
    summaryReporter(process.stdout, resumeCommand()),
    ...(process.env.GITHUB_ACTIONS === 'true' ? [annotationsReporter(process.env)] : []),
  ];
  try {
    const outcome = await run({
      paths,
      ...(config ? { config } : {}),
      settings,
      signal: controller.signal,
      reporters,
      ...(process.env.QEVAL_CASSETTE_NOTE ? { cassetteNote: process.env.QEVAL_CASSETTE_NOTE } : {}),
    });
    if (outcome.stopError) stderr(`qeval: ${outcome.stopError.message}\n`);
    return outcome.exit.exitCode;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** This command again with --resume: what finishes an interrupted run. */
function resumeCommand(): string {
  const args = process.argv.slice(2);
  const quoted = args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
  return `qeval ${quoted.join(' ')}${args.includes('--resume') ? '' : ' --resume'}`;
}
