/**
 * `qeval comment <report.json> [--baseline base.json]`: one pull-request comment with the verdict,
 * kept up to date (found again by its hidden marker, updated, never posted twice). Without a
 * token or outside a pull request it prints the Markdown and says why it did not post.
 */
import {
  commentMarker,
  compareReports,
  octokitComments,
  pullRequestComment,
  pullRequestTarget,
  upsertComment,
} from '../../comparison.js';
import { readReport } from '../../index.js';
import { stderr, stdout } from '../terminal.js';

export interface CommentOptions {
  baseline?: string;
  key?: string;
  print?: boolean;
}

export async function execute(
  reportPath: string,
  opts: CommentOptions = {},
  _cmd?: unknown,
): Promise<number> {
  const report = await readReport(reportPath);
  const baseline = opts.baseline ? await readReport(opts.baseline) : undefined;
  const comparison = baseline ? compareReports(baseline, report) : report.comparison;
  const body = pullRequestComment({
    report,
    ...(baseline ? { baseline } : {}),
    ...(comparison ? { comparison } : {}),
  });
  const marker = commentMarker(opts.key ?? 'report');
  const target = opts.print ? { missing: '--print' } : await pullRequestTarget(process.env);
  if ('missing' in target) {
    stdout(`${marker}\n${body}`);
    if (!opts.print) stderr(`qeval: printed the comment instead of posting it: ${target.missing}\n`);
    return 0;
  }
  const { action, comment } = await upsertComment(octokitComments(target), body, marker);
  stdout(`${action} ${comment.html_url}\n`);
  return 0;
}
