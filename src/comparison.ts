/**
 * qeval's comparison API (`qeval/comparison`): merging the reports of shards, comparing reports
 * (a baseline against a run, or two models within one run), the comparison as text, Markdown and
 * a page of its own, and the pull-request comment with the GitHub client that posts it. It is an
 * entry of its own so that a run, which compares only at its end, does not load it before its
 * first call.
 *
 * ```ts
 * import { readReport } from 'qeval';
 * import { compareReports, comparisonText } from 'qeval/comparison';
 * const c = compareReports(await readReport('main/report.json'), await readReport('reports/report.json'));
 * console.log(comparisonText(c));
 * ```
 */

import type { Comparison } from './contracts/comparison.js';

export {
  type ComparisonSides,
  compareReports,
  compareSides,
  compareWithin,
  reportSides,
  withinSides,
} from './compare/compare.js';
export { comparisonMarkdown, comparisonText } from './compare/render.js';
export { commentMarker, GitHubError, octokitComments, upsertComment } from './github/comments.js';
export { pullRequestTarget } from './github/pull-request.js';
export { pullRequestComment } from './report/pr-comment.js';
export { mergeReports } from './run/merge.js';

/** compare.html: the comparison as a page of its own (its templates load on first use). */
export async function comparisonPageHtml(comparison: Comparison): Promise<string> {
  const mod = await import('./report/comparison-html.js');
  return mod.comparisonPageHtml(comparison);
}
