/**
 * `qeval compare <a> [b] [--a X --b Y] [-o dir] [--seed n]`.
 *
 * Writes compare.json, compare.html and compare.md into `-o` (default `reports/`), prints the
 * regressions first, then fixes, new and removed tests, errors, and the verdict line last.
 * Exit code: 1 when B has any regression against A, else 0; 2 for unreadable input or bad flags.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import {
  type Comparison,
  compareReports,
  compareWithin,
  comparisonMarkdown,
  comparisonPageHtml,
  comparisonText,
  ExitCode,
  InputError,
  makeDirectory,
  readReport,
} from '../../index.js';
import { stdout } from '../terminal.js';

/** The flags `compare` takes (see cli/main.ts). */
export interface CompareFlags {
  a?: string;
  b?: string;
  seed?: string;
  output?: string;
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new InputError(`--seed must be an integer, got "${raw}"`, 'E_USAGE');
  return n;
}

async function buildComparison(
  pathA: string,
  pathB: string | undefined,
  flags: CompareFlags,
): Promise<Comparison> {
  const seed = parseSeed(flags.seed);
  const reportA = await readReport(pathA);
  if (pathB !== undefined) {
    const reportB = await readReport(pathB);
    return compareReports(reportA, reportB, {
      seed,
      sources: { a: pathA, b: pathB },
      models: { ...(flags.a ? { a: flags.a } : {}), ...(flags.b ? { b: flags.b } : {}) },
    });
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
  return compareWithin(reportA, a, b, { seed, sources: { a: pathA, b: pathA } });
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
  _cmd?: Command,
): Promise<number> {
  const comparison = await buildComparison(pathA, pathB, flags);
  const written = await writeComparison(comparison, flags.output ?? 'reports');
  const shown = written.map((p) => relative(process.cwd(), p) || p);
  stdout(`${comparisonText(comparison)}wrote ${shown.join(', ')}\n`);
  return comparison.regressions.length > 0 ? ExitCode.failures : ExitCode.ok;
}
