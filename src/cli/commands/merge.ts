/** `qeval merge <reports…> -o dir`: join shard reports. */
import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { type Format, formats, InputError, mergeReports, readReport, writeReports } from '../../index.js';
import { stdout } from '../terminal.js';

export async function execute(paths: string[], opts: { output: string; format: string }): Promise<number> {
  const fmts = opts.format.split(',').map((f) => f.trim());
  for (const f of fmts) {
    if (!formats.includes(f as Format))
      throw new InputError(`--format: "${f}" is not one of ${formats.join(', ')}`, 'E_USAGE');
  }
  const inputs = [];
  for (const p of paths) {
    let file = resolve(p);
    const st = await stat(file).catch(() => null);
    if (st?.isDirectory()) file = join(file, 'report.json');
    inputs.push({ path: p, report: await readReport(file) });
  }
  const report = mergeReports(inputs);
  const written = await writeReports(report, resolve(opts.output), fmts as Format[]);
  const s = report.summary;
  stdout(
    `merged ${inputs.length} report(s): ${s.total} cases, pass ${s.passed}, fail ${s.failed}, error ${s.errors}\n` +
      `wrote ${written.map((w) => relative(process.cwd(), w)).join(', ')}\n`,
  );
  return 0;
}
