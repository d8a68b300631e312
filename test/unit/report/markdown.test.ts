import { describe, expect, it } from 'vitest';
import { mdText, summaryMarkdown } from '../../../src/report/markdown.js';
import { fakeReport, partialComparison } from '../../utils/fake-report.js';

describe('summary.md', () => {
  const report = fakeReport({ cases: 480, hostile: true, seed: 11 });
  const md = summaryMarkdown(report);

  it('leads with totals, then failures, then the per-language table', () => {
    const s = report.summary;
    expect(md.split('\n')[0]).toMatch(/^## ❌ qeval: /);
    expect(md.split('\n')[0]).toContain(`${s.failed} failed`);
    expect(md.split('\n')[0]).toContain('95% CI');
    const failures = md.indexOf('### Failures');
    const byLang = md.indexOf('### By language');
    expect(failures).toBeGreaterThan(0);
    expect(byLang).toBeGreaterThan(failures);
    expect(md).toContain('| ar — Arabic |');
  });

  it('lists failing cases with where and why', () => {
    const c = report.cases.find((x) => x.status === 'fail')!;
    expect(md).toContain(`\`${c.suite_file}:${c.line}\``);
    expect(md).toContain(`showing 30 of ${report.summary.failed}`);
  });

  it('shows language parity with the flagged languages first', () => {
    const flagged = report.summary.parity.filter((p) => p.below_parity);
    expect(flagged.map((p) => p.lang)).toContain('ar');
    expect(md).toContain('### Language parity');
    expect(md).toMatch(/- ⚠️ ar: \d+% vs \d+% elsewhere, p (=|&lt;) [\d.]+ — below parity/);
  });

  it('never lets model text become HTML or Markdown structure', () => {
    expect(md).not.toMatch(/<script|<img|<style/i);
    expect(mdText('<img src=x onerror=alert(1)> | *bold* `x`')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; \\| \\*bold\\* \\`x\\`',
    );
    expect(mdText('line\nbreak')).toBe('line break');
  });

  it('leads with regressions when the report carries a comparison', () => {
    const withCmp = {
      ...report,
      comparison: partialComparison({
        verdict: { text: 'B vs A: −7.5 pp pass rate, McNemar p = 0.039 — worse' },
        regressions: [
          {
            key: 'refunds/refund-policy-3/ar',
            reason: 'language: expected ar, detected en',
            suite_file: 'suites/refunds.yaml',
            line: 12,
          },
        ],
        fixes: [],
      }),
    };
    const out = summaryMarkdown(withCmp);
    const reg = out.indexOf('### Regressions (1)');
    expect(reg).toBeGreaterThan(0);
    expect(reg).toBeLessThan(out.indexOf('### Failures'));
    expect(out).toContain(
      '`refunds/refund-policy-3/ar` — language: expected ar, detected en — suites/refunds.yaml:12',
    );
    expect(out).toContain('McNemar p = 0.039 — worse');
  });

  it('says all is well when all is well', () => {
    const clean = fakeReport({ cases: 0 });
    const out = summaryMarkdown(clean);
    expect(out).toMatch(/^## ✅ qeval: 0 passed · 0 failed of 0/);
    expect(out).not.toContain('### Failures');
  });
});
