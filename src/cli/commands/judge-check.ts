/**
 * `qeval judge-check <report.json> [--samples 5]`: grades the report's stored answers again and
 * prints how far each grader agrees with itself and with the other graders. Writes
 * judge-check.json, judge-check.md, and the report with `judge_check` set (report.json and the
 * other formats, so report.html flags the noisy rubrics) into `-o`.
 * Exit code: 0, also when a rubric is flagged (it is a finding, not a failure); 3 when some
 * grading could not be made (a grader error, a sample not recorded in replay); 2 for bad input.
 */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  ExitCode,
  InputError,
  judgeCheck,
  judgeCheckText,
  readReport,
  writeJudgeCheck,
  writeReports,
} from '../../index.js';
import { commandSettings } from '../command-settings.js';
import { stdout } from '../terminal.js';

/** Reads `--samples` or `--seed`: an integer of at least `min`. */
function integer(flag: string, raw: unknown, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new InputError(`${flag} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

export async function execute(
  reportPath: string,
  opts: { samples?: string; seed?: string },
  cmd: Command,
): Promise<number> {
  const samples = integer('--samples', opts.samples ?? '5', 2);
  const seed = integer('--seed', opts.seed ?? '1', 0);
  const settings = await commandSettings(cmd);
  if (settings.mode !== 'replay' && !settings.apiKey) {
    throw new InputError(
      `--mode ${settings.mode} sends grader calls to the gateway and needs AIMLAPI_KEY (https://aimlapi.com/app/keys)`,
      'E_NO_KEY',
    );
  }
  const previous = await readReport(resolve(reportPath));
  const { judgeCheck: jc, report } = await judgeCheck(previous, settings, { samples, seed });
  const outDir = resolve(settings.output);
  const files = [
    ...(await writeJudgeCheck(jc, outDir)),
    ...(await writeReports(report, outDir, settings.format)),
  ];
  stdout(judgeCheckText(jc));
  stdout(`wrote ${files.map((f) => relative(process.cwd(), f)).join(', ')}\n`);
  return jc.errors > 0 ? ExitCode.incomplete : ExitCode.ok;
}
