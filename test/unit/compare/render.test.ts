import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/compare/compare.js';
import { comparisonMarkdown, comparisonText, conclusionLine } from '../../../src/compare/render.js';
import { comparisonPageHtml, comparisonSectionHtml } from '../../../src/report/comparison-html.js';
import { makeCase, makeReport } from './make-case.js';
import { scenario } from './scenario.js';

const { a, b } = scenario();
const c = compareReports(makeReport(a, 'run-a'), makeReport(b, 'run-b'), {
  sources: { a: 'old/report.json', b: 'new/report.json' },
});
const hostile = scenario({ hostile: true });
const h = compareReports(makeReport(hostile.a), makeReport(hostile.b));

describe('conclusionLine', () => {
  it('is the verdict text', () => {
    expect(conclusionLine(c)).toBe(c.verdict.text);
    expect(conclusionLine(c)).toContain('McNemar p = 0.039 — worse');
  });
});

describe('comparisonText (stdout)', () => {
  const text = comparisonText(c);
  it('lists regressions first and ends with the verdict', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Regressions (pass → fail) (10):');
    expect(lines.at(-1)).toBe(c.verdict.text);
    const order = ['Regressions', 'Fixes', 'New tests', 'Removed tests', 'Errors and skips'].map((t) =>
      text.indexOf(t),
    );
    expect(order.every((x) => x >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(text).toContain('✗ demo/t0/en  suites/demo.yaml:1  missing "refund" (contains)');
    expect(text).toContain('! demo/t50/en [B] error: connection reset');
  });
});

describe('comparisonMarkdown', () => {
  const md = comparisonMarkdown(c);
  it('leads with the verdict, then the sides and the regressions', () => {
    expect(md.startsWith('## qeval compare: qwen-max-2025-01-25 vs qwen-max\n')).toBe(true);
    expect(md.indexOf('**qwen-max-2025-01-25 vs qwen-max: −16.0 pp')).toBeGreaterThan(0);
    expect(md).toContain('### Regressions (pass → fail) (10)');
    expect(md).toContain(
      '| `demo/t0/en` | `suites/demo.yaml:1` | pass (1.00) | fail (0.00) | missing "refund" (contains) |',
    );
    expect(md).toContain('### By language (Holm-corrected across languages)');
    expect(md).toContain('> ⚠️ only 50 paired tests');
  });

  it('escapes markup and table breaks from test ids and reasons', () => {
    const out = comparisonMarkdown(h);
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror="alert(1)"&gt;');
    // every table row keeps its five cells: no unescaped pipe from the reason
    const row = out.split('\n').find((l) => l.includes('missing &lt;img'))!;
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
  });
});

describe('comparisonSectionHtml', () => {
  const html = comparisonSectionHtml(c);
  it('shows the verdict, the sides with Wilson intervals and the regressions', () => {
    expect(html).toContain('<h2 id="comparison-title">Comparison: qwen-max-2025-01-25 vs qwen-max</h2>');
    // Handlebars escapes "=" as &#x3D;, which the browser shows as "="
    expect(html).toContain('McNemar p &#x3D; 0.039 — worse');
    expect(html).toContain('[67.0%, 88.8%]');
    expect(html).toContain('<code dir="auto">demo/t9/en</code>');
    expect(html).toContain('Regressions (pass → fail): 10');
  });

  it('escapes every piece of suite and model text', () => {
    const out = comparisonSectionHtml(h);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('onerror="alert');
    expect(out).toContain('&lt;img src&#x3D;x onerror&#x3D;&quot;alert(1)&quot;&gt;');
    // only the module's own stylesheet, no script, no inline style attribute (the CSP would block it)
    expect(out).not.toMatch(/<script|\sstyle=|\son\w+=/i);
  });
});

describe('comparisonPageHtml', () => {
  const page = comparisonPageHtml(c);
  it('is a whole page with a CSP that allows no script and no network', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    const raw = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!;
    const csp = raw.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-/);
    expect(page).not.toMatch(/<script|<link|https?:\/\/(?!json-schema)/i);
  });

  it('inlines the run report stylesheet so both pages look the same', () => {
    expect(page).toContain('.grid-table');
    expect(page).toContain('<section id="comparison" class="card comparison"');
  });

  it('shows pass@k and flaky tests for a run with repeat', () => {
    const ra = [0, 1, 2].map((s) => makeCase({ test_id: 'r', sample: s, status: 'pass' }));
    const rb = [0, 1, 2].map((s) => makeCase({ test_id: 'r', sample: s, status: s === 0 ? 'fail' : 'pass' }));
    const out = comparisonPageHtml(compareReports(makeReport(ra), makeReport(rb)));
    expect(out).toContain('Flaky tests (samples disagree)');
    expect(out).toContain('pass@k and pass^k');
    expect(out).toMatch(/<td class="num">3\/3<\/td><td class="num">2\/3<\/td>/);
  });
});
