/**
 * Rendering a comparison: the verdict line, compare.md, compare.html and the section report.html
 * embeds. Each format lives in its own file; this is the one place the CLI and the reporters import.
 */
import type { Comparison } from './types.js';

export { comparisonPageHtml, comparisonSectionHtml } from './html.js';
export { comparisonMarkdown } from './markdown.js';
export { comparisonText } from './text.js';

/** The one-line verdict: "B vs A: −7.5 pp pass rate, 95% CI [−14.1, −0.9], McNemar p = 0.039 — worse". */
export function verdictLine(c: Comparison): string {
  return c.verdict.text;
}
