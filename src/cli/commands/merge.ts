/**
 * `qeval merge <reports…> -o dir`: join shard reports into the report an unsharded run would
 * give, and end as that run would (SPEC §4): the shards of a CI matrix run with `--fail-on none`,
 * so the verdict is decided here, with `--baseline`, `--fail-on` and `--min-pass-rate` as in run.
 */
import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { compareReports, mergeReports } from '../../comparison.js';
import { decideExit, readReport, writeReports } from '../../index.js';
import { commandSettings } from '../command-settings.js';
import { renderSummary } from '../summary-table.js';
import { stdout } from '../terminal.js';

export async function execute(
  paths: string[],
  _opts: Record<string, unknown>,
  cmd: Command,
): Promise<number> {
  const settings = await commandSettings(cmd);
  const inputs = [];
  for (const p of paths) {
    let file = resolve(p);
    const st = await stat(file).catch(() => null);
    if (st?.isDirectory()) file = join(file, 'report.json');
    inputs.push({ path: p, report: await readReport(file) });
  }
  const report = mergeReports(inputs);
  if (settings.baseline) {
    report.run.baseline = settings.baseline;
    report.comparison = compareReports(
      await readReport(resolve(settings.baseline)),
      report,
      settings.maxDrop !== undefined ? { maxDropPp: settings.maxDrop } : {},
    );
  }
  const written = await writeReports(report, resolve(settings.output), settings.format);
  const exit = decideExit(report, settings, { interrupted: false, stopped: false });
  const verdict = exit.exitCode === 0 ? `OK: ${exit.reason}` : `exit ${exit.exitCode}: ${exit.reason}`;
  stdout(
    renderSummary(report, exit.failing, {
      files: written.map((w) => relative(process.cwd(), w)),
      verdict: `merged ${inputs.length} report(s) — ${verdict}`,
      ...(report.comparison ? { comparisonLine: report.comparison.verdict.text } : {}),
    }),
  );
  return exit.exitCode;
}
