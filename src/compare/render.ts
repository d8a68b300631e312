/**
 * Rendering a comparison as text: the verdict line, compare.md and the terminal table. The HTML
 * forms (compare.html and report.html's section) are the report module's (report/comparison-html.ts).
 */
import type { Comparison } from '../contracts/comparison.js';

export { comparisonMarkdown } from './markdown.js';
export { comparisonText } from './text.js';

/** The one-line verdict: "B vs A: −7.5 pp pass rate, 95% CI [−14.1, −0.9], McNemar p = 0.039 — worse". */
export function conclusionLine(c: Comparison): string {
  return c.verdict.text;
}
