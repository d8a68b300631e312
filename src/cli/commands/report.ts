/** `qeval report <report.json> [--format …] [-o dir]` — renders a report.json again. */
import { dirname } from 'node:path';
import { type Format, formats, InputError, readReport, writeReports } from '../../index.js';
import { stdout } from '../terminal.js';

/** The `report` command's options as commander hands them over. */
export interface ReportOptions {
  format?: string | string[];
  output?: string;
}

/** Parses `--format html,md` (or a list) into known formats; an unknown one is a usage error. */
export function parseFormats(raw: string | string[] | undefined): Format[] {
  const items = (Array.isArray(raw) ? raw : [raw ?? 'html'])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((f) => !(formats as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw new InputError(
      `--format must be a list of ${formats.join(', ')}; got ${unknown.join(', ')}`,
      'E_USAGE',
    );
  }
  if (items.length === 0)
    throw new InputError(`--format needs at least one of ${formats.join(', ')}`, 'E_USAGE');
  return items as Format[];
}

/**
 * Reads the report, writes the chosen formats (default: beside the report) and prints the paths.
 * Returns 0: re-rendering says nothing about whether the run passed. (GitHub annotations belong
 * to `qeval run`, so a re-render does not post them twice.)
 */
export async function execute(reportPath: string, opts: ReportOptions = {}, _cmd?: unknown): Promise<number> {
  const chosen = parseFormats(opts.format);
  const report = await readReport(reportPath);
  const outDir = opts.output ?? dirname(reportPath);
  const paths = await writeReports(report, outDir, chosen);
  for (const p of paths) stdout(`${p}\n`);
  return 0;
}
