/** `qeval rescore <report.json>`: score stored responses again, no model call. */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { decideExit, readReport, rescore, writeReports } from '../../index.js';
import { commandSettings } from '../command-settings.js';
import { renderSummary } from '../summary-table.js';
import { stdout } from '../terminal.js';

export async function execute(
  reportPath: string,
  _opts: Record<string, unknown>,
  cmd: Command,
): Promise<number> {
  const settings = await commandSettings(cmd);
  const previous = await readReport(resolve(reportPath));
  const { report, orphaned, rescored } = await rescore(previous, settings);
  const files = await writeReports(report, resolve(settings.output), settings.format);
  const verdict = decideExit(report, { failOn: 'failures' }, { interrupted: false, stopped: false });
  const lines = [`rescored ${rescored} case(s) with the current assertions`];
  if (orphaned) lines.push(`${orphaned} case(s) kept as they were: their test is no longer in the suites`);
  stdout(
    renderSummary(report, verdict.failing, {
      files: files.map((f) => relative(process.cwd(), f)),
      verdict: `${lines.join('; ')} — exit ${verdict.exitCode}: ${verdict.reason}`,
    }),
  );
  return verdict.exitCode;
}
