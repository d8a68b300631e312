import type { Report } from '../contracts/report.js';
import type { Format } from '../contracts/settings.js';
import { ioError } from '../errors.js';
import { makeDirectory } from '../files.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { md } from './markdown.js';
import type { FileReporter } from './types.js';

/** Every file reporter by format name. JSON, HTML, JUnit and Markdown are peers. */
export const fileReporters = { json, html, junit, md } satisfies Record<Format, FileReporter>;

/** The reporters of the chosen formats, each once, in the order given. */
export function reportersFor(formats: Format[]): FileReporter[] {
  return [...new Set(formats)].map((format) => fileReporters[format]);
}

/**
 * Writes the chosen formats into outDir (mkdir -p); returns the paths, in the order given. The
 * reporters write side by side: one renders while another's writes are with the file system.
 */
export async function writeReports(report: Report, outDir: string, formats: Format[]): Promise<string[]> {
  await makeDirectory(outDir).catch((err: unknown) => {
    throw ioError(err, outDir, 'the output folder');
  });
  const written = await Promise.all(reportersFor(formats).map((r) => r.onRunEnd(report, { outDir })));
  return written.flat();
}
