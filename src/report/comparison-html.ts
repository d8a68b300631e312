/**
 * compare.html and the comparison section of report.html, through Handlebars. `{{ }}` escapes
 * every piece of suite or model text; the only `{{{ }}}` insert the stylesheets this module
 * ships and the section into the page. The page looks like report.html because it inlines the
 * run report's own styles.css, and its CSP allows nothing but those inline styles (no script at all).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { type ComparisonView, comparisonView } from '../compare/view.js';
import type { Comparison } from '../contracts/comparison.js';
import { hashSource, inlineStyles } from './csp.js';
import { templateFile as reportTemplateFile } from './templates.js';

/** Resolves from `src/report/` (vitest) and from `dist/report/` alike: tsc does not copy templates. */
const TEMPLATE_DIR = new URL('../../src/report/templates/compare/', import.meta.url);

interface Compiled {
  section: Handlebars.TemplateDelegate<ComparisonView & { css: string }>;
  page: Handlebars.TemplateDelegate<{
    csp: string;
    styles: string;
    section: string;
    title: string;
    createdAt: string;
  }>;
  css: string;
  reportStyles: string;
}

let compiled: Compiled | undefined;

function read(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, TEMPLATE_DIR)), 'utf8');
}

function templates(): Compiled {
  if (compiled) return compiled;
  // An isolated environment: no helper or partial of another module can leak in.
  const hbs = Handlebars.create();
  const options: CompileOptions = { knownHelpersOnly: true, preventIndent: true };
  hbs.registerPartial('changed', hbs.compile(read('changed.hbs'), options));
  hbs.registerPartial('group-table', hbs.compile(read('group-table.hbs'), options));
  hbs.registerPartial('pairwise-row', hbs.compile(read('pairwise-row.hbs'), options));
  compiled = {
    section: hbs.compile(read('section.hbs'), options),
    page: hbs.compile(read('page.hbs'), options),
    css: read('compare.css'),
    reportStyles: reportTemplateFile('styles.css'),
  };
  return compiled;
}

/**
 * The comparison as an HTML fragment for report.html's comparison card: a heading, the verdict,
 * the tables. All text is escaped; its one `<style>` element is the module's own stylesheet,
 * which the report allows by hash.
 */
export function comparisonSectionHtml(c: Comparison): string {
  const t = templates();
  return t.section({ ...comparisonView(c), css: t.css });
}

/** The page has no script at all, so script-src is 'none' and styles are allowed by hash only. */
function pagePolicy(styles: string[]): string {
  return [
    "default-src 'none'",
    "script-src 'none'",
    `style-src ${[...new Set(styles.map(hashSource))].join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** compare.html: a whole self-contained page, no script, a CSP that allows only its inline styles. */
export function comparisonPageHtml(c: Comparison): string {
  const t = templates();
  const section = comparisonSectionHtml(c);
  return t.page({
    csp: pagePolicy([t.reportStyles, ...inlineStyles(section)]),
    styles: t.reportStyles,
    section,
    title: `qeval compare: ${c.sides.b.label} vs ${c.sides.a.label}`,
    createdAt: c.created_at,
  });
}
