/**
 * The report.json reporter. The file is a public, versioned contract (schema/report.schema.json).
 * It is streamed case by case: run, summary, comparison and judge_check pretty-printed for review, then one
 * case per line inside the `cases` array, which diffs well and keeps memory flat.
 */
import { join } from 'node:path';
import type { Report } from '../contracts/report.js';
import type { FileReporter } from './types.js';
import { writeChunks } from './write-stream.js';

function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}

/** The chunks of report.json, in order; joined they are the whole file. */
export function* reportJsonChunks(report: Report): Generator<string> {
  yield `{\n  "version": ${JSON.stringify(report.version)},\n`;
  yield `  "run": ${indent(JSON.stringify(report.run, null, 2), '  ')},\n`;
  yield `  "summary": ${indent(JSON.stringify(report.summary, null, 2), '  ')},\n`;
  for (const field of ['comparison', 'judge_check'] as const) {
    if (report[field] !== undefined)
      yield `  "${field}": ${indent(JSON.stringify(report[field], null, 2), '  ')},\n`;
  }
  const n = report.cases.length;
  if (n === 0) {
    yield '  "cases": []\n}\n';
    return;
  }
  yield '  "cases": [\n';
  for (let i = 0; i < n; i++) {
    yield `    ${JSON.stringify(report.cases[i])}${i === n - 1 ? '\n' : ',\n'}`;
  }
  yield '  ]\n}\n';
}

/** Writes `report` as JSON to `path`, streaming case by case. */
export async function writeReportJson(report: Report, path: string): Promise<void> {
  await writeChunks(path, reportJsonChunks(report), report.cases.length);
}

/** report.json */
export const json: FileReporter = {
  name: 'json',
  async onRunEnd(report, { outDir }) {
    const path = join(outDir, 'report.json');
    await writeReportJson(report, path);
    return [path];
  },
};
