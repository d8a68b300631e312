/**
 * The HTML report's templates, stylesheet and script. The templates (`src/report/templates/*.hbs`)
 * are precompiled into `src/generated/report-templates.ts` (npm run gen:schema) and instantiated once per
 * process in an isolated Handlebars environment; the stylesheet and script are read from the
 * template directory (shipped in the package). `{{ }}` escapes everything; the only `{{{ }}}` in
 * the templates insert the page's own stylesheet and script, the data marker, and the comparison
 * fragment (HTML the compare module escapes itself).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { templateSpecs } from '../generated/report-templates.js';
import type { HtmlView } from './html-model.js';

/** Where the templates live: resolves from `src/report/` (vitest) and from `dist/report/`. */
export const TEMPLATE_DIR = new URL('../../src/report/templates/', import.meta.url);

/** What the page template receives besides the view. */
export interface PageContext extends HtmlView {
  csp: string;
  styles: string;
  script: string;
  comparisonHtml: string | null;
  dataMarker: string;
}

/** The page, the stylesheet and the script. */
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

/** The templates, instantiated on first use. */
export function templates(): Templates {
  if (cached) return cached;
  const hbs = Handlebars.create();
  const specs = templateSpecs as Record<string, TemplateSpecification>;
  for (const [name, spec] of Object.entries(specs)) {
    if (name !== 'report') hbs.registerPartial(name, hbs.template(spec));
  }
  cached = {
    page: hbs.template(specs.report!) as Handlebars.TemplateDelegate<PageContext>,
    styles: templateFile('styles.css'),
    script: templateFile('app.js'),
  };
  return cached;
}
