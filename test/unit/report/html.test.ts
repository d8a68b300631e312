import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/compare/compare.js';
import { renderHtml } from '../../../src/report/html.js';
import { htmlView } from '../../../src/report/html-model.js';
import { fakeReport } from '../../utils/fake-report.js';

function between(html: string, open: string, close: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = html.indexOf(open, at);
    if (start < 0) return out;
    const end = html.indexOf(close, start + open.length);
    out.push(html.slice(start + open.length, end));
    at = end + close.length;
  }
}

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('report.html', async () => {
  const report = fakeReport({ cases: 300, hostile: true, seed: 21 });
  const html = await renderHtml(report);

  it('has exactly two script elements: the JSON data and the hashed app script', () => {
    const opens = html.match(/<script\b/gi) ?? [];
    expect(opens).toHaveLength(2);
    expect(html).toContain('<script type="application/json" id="data">');
    // The attribute is HTML-escaped like every other; the browser reads it decoded.
    const csp = html
      .match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)![1]!
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    expect(csp).toContain("default-src 'none'");
    const app = between(html, '<script>', '</script>')[0]!;
    expect(csp).toContain(`script-src ${sha(app)}`);
    const style = between(html, '<style>', '</style>')[0]!;
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('embeds data that no model output can close, and that parses back to every case', () => {
    const data = between(html, '<script type="application/json" id="data">', '</script>')[0]!;
    expect(data).not.toMatch(/[<>]/);
    const cases = JSON.parse(data) as Array<{ i: string; o: string | null }>;
    expect(cases).toHaveLength(300);
    expect(cases.some((c) => c.o?.includes('</script><script>window.__pwned'))).toBe(true);
    expect(cases.some((c) => c.o?.includes('{{constructor}}'))).toBe(true);
  });

  it('does not contain hostile text unescaped anywhere', () => {
    expect(html).not.toContain('</script><script>window');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<style>body{display:none}');
  });

  it('loads nothing: no URL to another origin in any attribute', () => {
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
  });

  it('shows the summary band: rate, interval, counts, latency, mode, models, commit', () => {
    const v = htmlView(report);
    expect(html).toContain(`<div class="big">${v.band.rate}</div>`);
    expect(html).toContain(`95% CI ${v.band.ci}`);
    expect(html).toContain(`<dt>failed</dt><dd>${v.band.failed}</dd>`);
    expect(html).toContain('<code title="3f9c2e1a7b6d5c4e3f2a1b0c9d8e7f6a5b4c3d2e">3f9c2e1a7b</code>');
    expect(html).toContain('<span class="pill">replay</span>');
    expect(html).toContain('<code>qwen-max-2025-01-25</code>');
  });

  it('shows the parity table with the flagged language and its sentence', () => {
    expect(html).toContain('<h2 id="parity-title">Language parity</h2>');
    expect(html).toMatch(
      /<tr class="flagged"><th scope="row"><a href="#cases" data-filter="lang=ar"><code>ar<\/code> Arabic/,
    );
    expect(html).toMatch(/ar: \d+% vs \d+% elsewhere, p (=|&lt;) [\d.]+ — below parity/);
  });

  it('has the breakdown tables, the SVG charts and the filters', () => {
    for (const id of ['model', 'lang', 'suite', 'tag']) expect(html).toContain(`id="panel-${id}"`);
    expect(html).toContain('aria-label="Pass rate by language"');
    expect(html).toContain('aria-label="Latency histogram"');
    expect(html).toContain('aria-label="Score distribution"');
    expect(html).toContain('<option value="ar">ar — Arabic</option>');
    expect(html).toContain('data-view="side"');
  });

  it('escapes suite, model and tag names that look like markup', async () => {
    const r = fakeReport({ cases: 8, models: ['<b>m</b>', 'qwen-max'], seed: 1 });
    r.summary.by_tag['"><svg onload=alert(1)>'] = r.summary.by_tag.policy!;
    const out = await renderHtml(r);
    expect(out).not.toContain('<b>m</b>');
    expect(out).toContain('&lt;b&gt;m&lt;/b&gt;');
    expect(out).not.toContain('<svg onload');
  });

  it('omits the side-by-side view for one model and one variant', async () => {
    const out = await renderHtml(fakeReport({ cases: 12, models: ['qwen-max'], seed: 1 }));
    expect(out).not.toContain('data-view="side"');
  });

  it('includes a comparison section when the report carries one', async () => {
    const base = fakeReport({ cases: 12, seed: 1 });
    const r = { ...base, comparison: compareReports(fakeReport({ cases: 12, seed: 2 }), base) };
    const out = await renderHtml(r);
    expect(out).toContain('<section id="comparison"');
    expect(out).toContain(r.comparison.verdict.text.replace(/[<>&"']/g, '').slice(0, 20));
    expect(out).toContain('<a href="#comparison">Comparison</a>');
  });
});
