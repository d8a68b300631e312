/**
 * `qeval compare <a> [b] [--a X --b Y] [-o dir] [--seed n] [--judge [model]]`.
 *
 * Writes compare.json, compare.html and compare.md into `-o` (default `reports/`), prints the
 * regressions first, then fixes, new and removed tests, errors, and the verdict line last.
 * With `--judge`, a grader also says which side's answer is better for each paired case (its
 * calls through the cassettes, replayed by default; `--mode`, `--base-url` and the key as for run).
 * Exit code: 1 when B has any regression against A, else 0; 2 for unreadable input or bad flags.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import {
  type ComparisonSides,
  compareSides,
  comparisonMarkdown,
  comparisonPageHtml,
  comparisonText,
  reportSides,
  withinSides,
} from '../../comparison.js';
import {
  type Comparison,
  ExitCode,
  InputError,
  judgePairs,
  loadConfig,
  makeDirectory,
  type Report,
  readReport,
  resolveSettings,
} from '../../index.js';
import { explicitFlags } from '../options.js';
import { stdout } from '../terminal.js';

/** The flags `compare` takes (see cli/main.ts). */
export interface CompareFlags {
  a?: string;
  b?: string;
  seed?: string;
  output?: string;
  /** `--judge` alone (true) or `--judge <model>`. */
  judge?: string | boolean;
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new InputError(`--seed must be an integer, got "${raw}"`, 'E_USAGE');
  return n;
}

/** What is compared, and the reports it came from. */
async function pairSides(
  pathA: string,
  pathB: string | undefined,
  flags: CompareFlags,
): Promise<{ sides: ComparisonSides; reports: Report[] }> {
  const reportA = await readReport(pathA);
  if (pathB !== undefined) {
    const reportB = await readReport(pathB);
    const sides = reportSides(reportA, reportB, {
      sources: { a: pathA, b: pathB },
      models: { ...(flags.a ? { a: flags.a } : {}), ...(flags.b ? { b: flags.b } : {}) },
    });
    return { sides, reports: [reportA, reportB] };
  }
  let { a, b } = flags;
  if (a === undefined && b === undefined && reportA.run.models.length === 2) {
    // A two-model run compares its two models, in the order the run lists them.
    [a, b] = reportA.run.models as [string, string];
  }
  if (a === undefined || b === undefined) {
    throw new InputError(
      `give a second report to compare with, or --a and --b to compare two models or variants inside ${pathA} (its models: ${reportA.run.models.join(', ') || 'none'})`,
      'E_USAGE',
    );
  }
  return { sides: withinSides(reportA, a, b, { sources: { a: pathA, b: pathA } }), reports: [reportA] };
}

/** `--judge`: the grader's pairwise verdicts, added to the comparison. */
async function judge(
  c: Comparison,
  paired: { sides: ComparisonSides; reports: Report[] },
  flags: CompareFlags,
  cmd: Command | undefined,
): Promise<void> {
  const given = cmd ? explicitFlags(cmd) : {};
  const config = await loadConfig(given.config as string | undefined);
  const settings = resolveSettings(config.values, process.env, given);
  if ((settings.mode === 'live' || settings.mode === 'record') && !settings.apiKey) {
    throw new InputError(
      `no API key: --mode ${settings.mode} sends every grader call to the gateway. Set AIMLAPI_KEY (https://aimlapi.com/app/keys), or replay the cassettes with --mode replay`,
      'E_NO_KEY',
    );
  }
  const { judgement, warning } = await judgePairs(paired.sides, settings, {
    ...(typeof flags.judge === 'string' ? { model: flags.judge } : {}),
    reports: paired.reports,
    ...(process.env.QEVAL_CASSETTE_NOTE ? { note: process.env.QEVAL_CASSETTE_NOTE } : {}),
  });
  c.pairwise = judgement;
  if (warning) c.warnings.push(warning);
}

/** Writes the three files; returns their paths. */
export async function writeComparison(c: Comparison, outDir: string): Promise<string[]> {
  await makeDirectory(outDir);
  const files: Array<[string, string]> = [
    ['compare.json', `${JSON.stringify(c, null, 2)}\n`],
    ['compare.html', await comparisonPageHtml(c)],
    ['compare.md', comparisonMarkdown(c)],
  ];
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(outDir, name);
    await writeFile(path, text, 'utf8');
    paths.push(path);
  }
  return paths;
}

/** Runs the command; returns the exit code (1 on any regression). */
export async function execute(
  pathA: string,
  pathB: string | undefined,
  flags: CompareFlags,
  cmd?: Command,
): Promise<number> {
  const paired = await pairSides(pathA, pathB, flags);
  const comparison = compareSides(paired.sides, { seed: parseSeed(flags.seed) });
  if (flags.judge !== undefined && flags.judge !== false) await judge(comparison, paired, flags, cmd);
  const written = await writeComparison(comparison, flags.output ?? 'reports');
  const shown = written.map((p) => relative(process.cwd(), p) || p);
  stdout(`${comparisonText(comparison)}wrote ${shown.join(', ')}\n`);
  return comparison.regressions.length > 0 ? ExitCode.failures : ExitCode.ok;
}
