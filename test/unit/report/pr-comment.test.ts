import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/compare/compare.js';
import type { Report } from '../../../src/contracts/report.js';
import type { CaseResult } from '../../../src/contracts/result.js';
import { commentMarker, octokitComments, upsertComment } from '../../../src/github/comments.js';
import { COMMENT_LIMIT, pullRequestComment } from '../../../src/report/pr-comment.js';
import { summarize } from '../../../src/report/summary.js';
import { fakeReport } from '../../utils/fake-report.js';
import { GITHUB_BODY_LIMIT, type GitHubStandIn, startGitHubStandIn } from '../../utils/github-api.js';

/** A copy of `base` where `change` edits some cases; the summary is recomputed. */
function edited(base: Report, change: (c: CaseResult, i: number) => void): Report {
  const cases = structuredClone(base.cases);
  cases.forEach(change);
  return { ...base, cases, summary: summarize(cases) };
}

const baseline = fakeReport({ cases: 60, langs: ['en', 'zh', 'ar'], models: ['qwen-max'], seed: 3 });
const judged = (c: CaseResult) => c.status === 'pass' || c.status === 'fail';

/** Two passing cases now fail, with a changed prompt and output; one failing case now passes. */
function withChanges(): Report {
  const passing = baseline.cases.filter((c) => c.status === 'pass').map((c) => c.id);
  const failing = baseline.cases.filter((c) => c.status === 'fail').map((c) => c.id);
  return edited(baseline, (c) => {
    if (c.id === passing[0] || c.id === passing[1]) {
      c.status = 'fail';
      c.score = 0;
      c.assertions = [
        { type: 'contains', pass: false, score: 0, weight: 1, reason: 'expected "refund" in the output' },
      ];
      c.request = { ...c.request, messages: [{ role: 'user', content: 'Say something ```odd``` instead.' }] };
      if (c.response) c.response = { ...c.response, output: 'Something ```odd```.' };
    }
    if (c.id === failing[0]) {
      c.status = 'pass';
      c.score = 1;
      c.assertions = c.assertions.map((a) => ({ ...a, pass: true, score: 1 }));
    }
  });
}

describe('pullRequestComment', () => {
  it('leads with the verdict, then regressions before fixes, errors, languages and the diffs', () => {
    const now = withChanges();
    const comparison = compareReports(baseline, now);
    const text = pullRequestComment({ report: now, baseline, comparison });
    const at = (s: string) => text.indexOf(s);
    expect(text.startsWith('## ❌ qeval:')).toBe(true);
    expect(text).toContain(`**${comparison.verdict.text.replace(/([\\`*_[\]|#])/g, '\\$1')}**`);
    expect(at('### Regressions (pass → fail): 2')).toBeGreaterThan(0);
    expect(at('### Fixes (fail → pass): 1')).toBeGreaterThan(at('### Regressions'));
    expect(at('### Errors')).toBeGreaterThan(at('### Fixes'));
    expect(at('### By language')).toBeGreaterThan(at('### Errors'));
    expect(at('### Changed tests')).toBeGreaterThan(at('### By language'));
    // The first regression's block: prompt diff beside output diff, fenced past its backticks.
    expect(text).toContain('<details><summary>regression: <code>');
    expect(text).toContain('<table><tr><th>prompt</th><th>output</th></tr>');
    expect(text).toContain('````diff\n');
    expect(text).toContain('+ user: Say something ```odd``` instead.');
    expect(text).toContain('+ Something ```odd```.');
    expect(text).toMatch(/\| cost \| \$[0-9.]+ \([+−]\$[0-9.]+\) \|/);
  });

  it('says plainly when nothing got worse, with no baseline', () => {
    const clean = edited(baseline, (c) => {
      if (!judged(c)) {
        c.status = 'pass';
        c.error = null;
      }
      if (c.status === 'fail') c.status = 'pass';
    });
    const text = pullRequestComment({ report: clean });
    expect(
      text.startsWith(`## ✅ qeval: ${clean.summary.passed} of ${clean.summary.passed} judged cases passed`),
    ).toBe(true);
    expect(text).not.toContain('### Changed tests');
  });

  it('stays within the limit, leaving out whole sections with a note', () => {
    const long = 'A long answer line that keeps going. '.repeat(60);
    const big = fakeReport({ cases: 800, langs: ['en', 'zh', 'ar', 'ja'], seed: 9 });
    const now = edited(big, (c, i) => {
      if (c.response) c.response = { ...c.response, output: `${long}\n${i}` };
      if (i % 3 === 0 && c.status === 'pass') c.status = 'fail';
    });
    const comparison = compareReports(big, now);
    const text = pullRequestComment({ report: now, baseline: big, comparison }, 20_000);
    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(text).toMatch(/✂️ \d+ more sections? did not fit/);
    expect(text).toContain('### Regressions');
    expect(pullRequestComment({ report: now, baseline: big, comparison }).length).toBeLessThanOrEqual(
      COMMENT_LIMIT,
    );
  });
});

describe('posting the comment', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('creates, updates, and a third run too large for one comment is truncated, not refused', async () => {
    const api = octokitComments({
      owner: 'acme',
      repo: 'prompts',
      number: 5,
      apiUrl: gh.url,
      token: gh.token,
    });
    const marker = commentMarker();
    const now = withChanges();
    const first = await upsertComment(api, pullRequestComment({ report: now }), marker);
    const second = await upsertComment(
      api,
      pullRequestComment({ report: now, baseline, comparison: compareReports(baseline, now) }),
      marker,
    );
    expect([first.action, second.action]).toEqual(['created', 'updated']);
    const huge = edited(now, (c) => {
      if (c.response) c.response = { ...c.response, output: 'x'.repeat(5000) };
      c.request = { ...c.request, messages: [{ role: 'user', content: `${c.id} ${'y'.repeat(3000)}` }] };
    });
    const body = pullRequestComment({ report: huge, baseline, comparison: compareReports(baseline, huge) });
    const third = await upsertComment(api, body, marker);
    expect(third.action).toBe('updated');
    const stored = gh.comments.filter((c) => c.issue === 5);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(stored[0]!.body).toMatch(/did not fit in one comment/);
  });
});
