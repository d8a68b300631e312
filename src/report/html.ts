/**
 * The report.html reporter: one self-contained file that works from `file://` with no network.
 * The summary, tables and charts are rendered here through Handlebars; the cases are embedded
 * as script-safe JSON and drawn on demand by the page's own script. The file is streamed: the
 * page around the data is small, and the data is written one case at a time.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { contentSecurityPolicy, inlineStyles } from './csp.js';
import { clientCaseChunks } from './embed.js';
import { htmlView } from './html-model.js';
import { templates } from './templates.js';
import type { Report, Reporter } from './types.js';
import { writeChunks } from './write-stream.js';

type RenderComparison = (comparison: unknown) => string;

/**
 * The compare module's HTML fragment for `report.comparison`. Loaded lazily (most reports have
 * no comparison); if the module is missing or fails, the page says so instead of failing.
 */
async function comparisonHtml(comparison: unknown): Promise<string | null> {
  if (comparison === undefined || comparison === null) return null;
  try {
    // A computed specifier: the compare module is optional at build time.
    const spec = new URL('../compare/render.js', import.meta.url).href;
    const mod = (await import(spec)) as { comparisonSectionHtml?: RenderComparison };
    if (typeof mod.comparisonSectionHtml === 'function') return mod.comparisonSectionHtml(comparison);
    throw new Error('src/compare/render.ts has no comparisonSectionHtml export');
  } catch (err) {
    const why = Handlebars.escapeExpression((err as Error).message);
    return `<h2>Comparison</h2><p class="muted">This report carries a comparison, but it could not be shown here (${why}). Run <code>qeval compare</code> to see it.</p>`;
  }
}

/** The chunks of report.html, in order. */
export async function htmlChunks(report: Report): Promise<Iterable<string>> {
  const t = templates();
  const view = htmlView(report);
  const comparison = await comparisonHtml(report.comparison);
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
  if (parts.length !== 2) throw new Error('report.hbs must contain the data marker exactly once');
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
export const html: Reporter = {
  name: 'html',
  async onRunEnd(report, outDir) {
    const path = join(outDir, 'report.html');
    await writeChunks(path, await htmlChunks(report), report.cases.length);
    return [path];
  },
};
