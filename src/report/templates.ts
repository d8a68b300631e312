/**
 * The HTML report's templates, stylesheet and script, read from `src/report/templates/` (shipped
 * in the package; tsc does not copy them into dist) and compiled once per process in an
 * isolated Handlebars environment. `{{ }}` escapes everything; the only `{{{ }}}` in the
 * templates insert the page's own stylesheet and script, the data marker, and the comparison
 * fragment (HTML the compare module escapes itself).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { HtmlView } from './html-model.js';

/** Where the templates live: resolves from `src/report/` (vitest) and from `dist/report/`. */
export const TEMPLATE_DIR = new URL('../../src/report/templates/', import.meta.url);

const PARTIALS = ['band', 'charts', 'rate-chart', 'histogram', 'parity', 'groups', 'cases'] as const;

/** What the page template receives besides the view. */
export interface PageContext extends HtmlView {
  csp: string;
  styles: string;
  script: string;
  comparisonHtml: string | null;
  dataMarker: string;
}

/** The compiled page, the stylesheet and the script. */
export interface Templates {
  page: Handlebars.TemplateDelegate<PageContext>;
  styles: string;
  script: string;
}

let cached: Templates | undefined;

/** Reads a file of the template directory. */
export function templateFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, TEMPLATE_DIR)), 'utf8');
}

/** The templates, compiled on first use. */
export function templates(): Templates {
  if (cached) return cached;
  const hbs = Handlebars.create();
  const options: CompileOptions = { knownHelpersOnly: true, strict: false, preventIndent: true };
  for (const name of PARTIALS) hbs.registerPartial(name, hbs.compile(templateFile(`${name}.hbs`), options));
  cached = {
    page: hbs.compile<PageContext>(templateFile('report.hbs'), options),
    styles: templateFile('styles.css'),
    script: templateFile('app.js'),
  };
  return cached;
}
