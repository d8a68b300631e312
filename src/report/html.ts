/**
 * The report.html reporter: one self-contained file that works from `file://` with no network.
 * The summary, tables and charts are rendered here through Handlebars; the cases are embedded
 * as script-safe JSON and drawn on demand by the page's own script. The file is streamed: the
 * page around the data is small, and the data is written one case at a time.
 */

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Report } from '../contracts/report.js';
import { InternalError } from '../errors.js';
import { comparisonSectionHtml } from './comparison-html.js';
import { contentSecurityPolicy, inlineStyles } from './csp.js';
import { clientCaseChunks } from './embed.js';
import { htmlView } from './html-model.js';
import { templates } from './templates.js';
import type { FileReporter } from './types.js';
import { writeChunks } from './write-stream.js';

/** The chunks of report.html, in order. */
export async function htmlChunks(report: Report): Promise<Iterable<string>> {
  const t = templates();
  const view = htmlView(report);
  const comparison = report.comparison ? comparisonSectionHtml(report.comparison) : null;
  const marker = `@@qeval-data-${randomUUID()}@@`;
  const styles = [t.styles, ...(comparison ? inlineStyles(comparison) : [])];
  const page = t.page({
    ...view,
    csp: contentSecurityPolicy([t.script], styles),
    styles: t.styles,
    script: t.script,
    comparisonHtml: comparison,
    dataMarker: marker,
  });
  const parts = page.split(marker);
  if (parts.length !== 2) throw new InternalError('report.hbs must contain the data marker exactly once');
  const [head, tail] = parts as [string, string];
  return (function* () {
    yield head;
    yield* clientCaseChunks(report.cases);
    yield tail;
  })();
}

/** The whole page as one string (tests and small reports; the reporter streams instead). */
export async function renderHtml(report: Report): Promise<string> {
  return [...(await htmlChunks(report))].join('');
}

/** report.html */
export const html: FileReporter = {
  name: 'html',
  async onRunEnd(report, { outDir }) {
    const path = join(outDir, 'report.html');
    await writeChunks(path, await htmlChunks(report), report.cases.length);
    return [path];
  },
};
