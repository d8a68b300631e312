/**
 * report.html in a real browser (playwright-core driving Debian's Chromium): it loads from
 * file:// with no request leaving it and no script error, hostile outputs are inert and
 * visible, Arabic reads right to left, filters and search change the rows, the side-by-side
 * view lines models up, and a 10,000-case report opens (time printed, never asserted).
 * Screenshots go to test/artifacts/ (git-ignored).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithin } from '../../src/compare/compare.js';
import { writeReports } from '../../src/report/reporters.js';
import { launchChromium, offlineContext } from '../utils/chromium.js';
import { fakeReport } from '../utils/fake-report.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SMALL = `${ARTIFACTS}report-html/small/`;
const BIG = `${ARTIFACTS}report-html/big/`;
const COMPARED = `${ARTIFACTS}report-html/compared/`;

let browser: Browser;
let context: BrowserContext;
/** Every request that tried to leave file:// (and was blocked). */
const escaped: string[] = [];
/** Script errors and console errors (CSP violations are reported there). */
const problems: string[] = [];

const small = fakeReport({
  cases: 720,
  hostile: true,
  seed: 42,
  langs: ['en', 'zh', 'ar', 'he', 'ja', 'ru', 'hi', 'ko'],
});

async function open(dir: string): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  const t0 = performance.now();
  await page.goto(pathToFileURL(`${dir}report.html`).href);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, ms: performance.now() - t0 };
}

const visibleRows = (page: Page) => page.locator('#list .row');

async function setStatuses(page: Page, keep: string[]) {
  for (const s of ['pass', 'fail', 'error', 'skipped']) {
    await page.locator(`input[name="status"][value="${s}"]`).setChecked(keep.includes(s));
  }
}

beforeAll(async () => {
  await rm(`${ARTIFACTS}report-html`, { recursive: true, force: true });
  await mkdir(SMALL, { recursive: true });
  await writeReports(small, SMALL, ['html', 'junit']);
  browser = await launchChromium();
  context = await offlineContext(browser, escaped);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('report.html in Chromium', () => {
  it('loads with no request leaving file:// and no script error or CSP violation', async () => {
    const { page } = await open(SMALL);
    await expect(visibleRows(page).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}report-html.png` });
    await page.screenshot({ path: `${ARTIFACTS}report-html-full.png`, fullPage: true });
    expect(escaped).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile outputs as text and runs none of them', async () => {
    const { page } = await open(SMALL);
    await page.fill('input[name="q"]', '__pwned');
    const pwned = small.cases.filter((c) => c.response?.output.includes('__pwned')).length;
    expect(pwned).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#count').textContent()).toBe(`${pwned} of 720`);
    const texts = await visibleRows(page).allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.some((t) => t.includes('</script><script>window.__pwned = 1; alert(1)</script>'))).toBe(
      true,
    );
    expect(texts.some((t) => t.includes('<img src=x onerror="window.__pwned = 2">'))).toBe(true);
    // Expanding renders the full output, still as text.
    // Expand every matching row at once (a DOM click: no scrolling under the sticky filter bar).
    await page.$$eval('#list .row-main', (buttons) => {
      for (const b of buttons) (b as HTMLButtonElement).click();
    });
    await expect
      .poll(() => page.locator('#list pre.output').allTextContents())
      .toContain('</script><script>window.__pwned = 1; alert(1)</script>');
    await page.fill('input[name="q"]', '{{constructor}}');
    await expect
      .poll(async () => (await visibleRows(page).allTextContents()).join('\n'))
      .toContain('{{constructor}} {{#each this}}');
    await page.locator('#list .row-main').first().click();
    await expect.poll(() => page.locator('#list pre.output').first().textContent()).toContain('{{{ raw }}}');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#list img, #list script, #list style').count()).toBe(0);
    expect(await page.locator('body').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows Arabic and Hebrew right to left, English left to right', async () => {
    const { page } = await open(SMALL);
    await page.selectOption('select[name="lang"]', 'ar');
    await setStatuses(page, ['pass']);
    await page.locator('#list .row-main').first().click();
    const dir = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((e) => getComputedStyle(e).direction);
    await expect.poll(() => page.locator('#list pre.output').first().textContent()).toContain('يمكنك');
    expect(await dir('#list pre.output')).toBe('rtl');
    expect(await dir('#list .snip')).toBe('rtl');
    await page.selectOption('select[name="lang"]', 'he');
    await page.locator('#list .row-main').first().click();
    expect(await dir('#list pre.output')).toBe('rtl');
    await page.selectOption('select[name="lang"]', 'en');
    await page.locator('#list .row-main').first().click();
    expect(await dir('#list pre.output')).toBe('ltr');
    await page.close();
  });

  it('filters by status, model, language and tag', async () => {
    const { page } = await open(SMALL);
    await setStatuses(page, ['fail']);
    const failed = small.cases.filter((c) => c.status === 'fail');
    await expect.poll(() => page.locator('#count').textContent()).toBe(`${failed.length} of 720`);
    const classes = await visibleRows(page).evaluateAll((rows) => rows.map((r) => r.className));
    expect(classes.length).toBe(Math.min(150, failed.length));
    expect(classes.every((c) => c.includes('st-fail'))).toBe(true);

    await page.selectOption('select[name="model"]', 'qwen-max-2025-01-25');
    await page.selectOption('select[name="lang"]', 'ar');
    const expected = failed.filter((c) => c.model === 'qwen-max-2025-01-25' && c.lang === 'ar');
    await expect.poll(() => page.locator('#count').textContent()).toBe(`${expected.length} of 720`);
    const langs = await page.locator('#list .row .lang').allTextContents();
    const models = await page.locator('#list .row .model').allTextContents();
    expect(new Set(langs)).toEqual(new Set(['ar']));
    expect(new Set(models)).toEqual(new Set(['qwen-max-2025-01-25']));

    await setStatuses(page, ['pass', 'fail', 'error', 'skipped']);
    await page.selectOption('select[name="model"]', '');
    await page.selectOption('select[name="lang"]', '');
    await page.selectOption('select[name="tag"]', 'json');
    const json = small.cases.filter((c) => c.tags.includes('json'));
    await expect.poll(() => page.locator('#count').textContent()).toBe(`${json.length} of 720`);

    // A language in the parity table filters the cases to it.
    await page.selectOption('select[name="tag"]', '');
    await page.click('#parity a[data-filter="lang=hi"]');
    const hi = small.cases.filter((c) => c.lang === 'hi');
    await expect.poll(() => page.locator('#count').textContent()).toBe(`${hi.length} of 720`);
    await page.close();
  });

  it('search finds a case by its id', async () => {
    const { page } = await open(SMALL);
    const target = small.cases[345]!;
    await page.fill('input[name="q"]', target.id);
    await expect.poll(() => page.locator('#count').textContent()).toBe('1 of 720');
    await page.locator('#list .row-main').first().click();
    await expect.poll(() => page.locator('#list .detail').textContent()).toContain(target.id);
    await expect
      .poll(() => page.locator('#list .detail').textContent())
      .toContain(`${target.suite_file}:${target.line}`);
    await page.close();
  });

  it('lines models up side by side, one row per test, differences highlighted', async () => {
    const { page } = await open(SMALL);
    await page.click('button[data-view="side"]');
    const head = await page.locator('#side .side-head .side-cell').allTextContents();
    expect(head).toEqual(['qwen-max', 'qwen-max-2025-01-25']);
    const tests = new Set(small.cases.map((c) => `${c.suite}/${c.test_id}/${c.lang}/${c.sample}`));
    await expect.poll(() => page.locator('#count').textContent()).toBe(`${tests.size} tests × 2 columns`);
    const statuses = new Map<string, Set<string>>();
    for (const c of small.cases) {
      const k = `${c.suite}/${c.test_id}/${c.lang}/${c.sample}`;
      statuses.set(k, (statuses.get(k) ?? new Set()).add(c.status));
    }
    const differing = [...statuses.values()].filter((s) => s.size > 1).length;
    await page.locator('input[name="diff"]').check();
    await expect.poll(() => page.locator('#count').textContent()).toBe(`${differing} tests × 2 columns`);
    const rows = await page.locator('#side .side-group').evaluateAll((rs) => rs.map((r) => r.className));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((c) => c.includes('differs'))).toBe(true);
    expect(await page.locator('#side .side-group .side-cell.odd').count()).toBeGreaterThan(0);
    await page.locator('#side .side-group .side-row').first().click();
    await expect.poll(() => page.locator('#side .side-detail .side-cell').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}report-html-side.png` });
    await page.close();
  });

  it('prints without the controls and with every breakdown table', async () => {
    const { page } = await open(SMALL);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('.top').isVisible()).toBe(false);
    for (const id of ['model', 'lang', 'suite', 'tag'])
      expect(await page.locator(`#panel-${id}`).isVisible()).toBe(true);
    await page.pdf({ path: `${ARTIFACTS}report-html.pdf` });
    await page.close();
  });

  it('junit.xml is well-formed XML', async () => {
    const { page } = await open(SMALL);
    const xml = await readFile(`${SMALL}junit.xml`, 'utf8');
    const result = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const err = doc.querySelector('parsererror');
      return { error: err?.textContent ?? null, cases: doc.querySelectorAll('testcase').length };
    }, xml);
    expect(result.error).toBeNull();
    expect(result.cases).toBe(720);
    await page.close();
  });

  it('shows the comparison section under the same CSP when the report carries one', async () => {
    const report = { ...small, comparison: compareWithin(small, 'qwen-max', 'qwen-max-2025-01-25') };
    await mkdir(COMPARED, { recursive: true });
    await writeReports(report, COMPARED, ['html', 'md']);
    const { page } = await open(COMPARED);
    expect(await page.locator('#comparison').isVisible()).toBe(true);
    const text = (await page.locator('#comparison').textContent()) ?? '';
    expect(text).toContain(report.comparison.verdict.text);
    await page.locator('#comparison').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}report-html-comparison.png` });
    expect(problems).toEqual([]);
    const md = await readFile(`${COMPARED}summary.md`, 'utf8');
    expect(md.indexOf('### Regressions')).toBeLessThan(md.indexOf('### Failures'));
    await page.close();
  });

  it('opens a 10,000-case report', async () => {
    const big = fakeReport({ cases: 10_000, hostile: true, seed: 7 });
    await mkdir(BIG, { recursive: true });
    const t0 = performance.now();
    await writeReports(big, BIG, ['html']);
    const written = performance.now() - t0;
    const { page, ms } = await open(BIG);
    const size = (await readFile(`${BIG}report.html`)).length;
    console.log(
      `10,000-case report.html: ${(size / 1e6).toFixed(1)} MB, written in ${written.toFixed(0)} ms, opened (script ready) in ${ms.toFixed(0)} ms`,
    );
    await expect.poll(() => page.locator('#count').textContent()).toBe('10,000 of 10,000');
    // Rows are drawn on demand, not all at once.
    expect(await visibleRows(page).count()).toBe(150);
    const t1 = performance.now();
    await page.fill('input[name="q"]', big.cases[9_876]!.id);
    await expect.poll(() => page.locator('#count').textContent()).toBe('1 of 10,000');
    console.log(
      `10,000-case search: ${(performance.now() - t1).toFixed(0)} ms (150 ms of it is the typing pause)`,
    );
    await page.close();
    expect(problems).toEqual([]);
    expect(escaped).toEqual([]);
  }, 120_000);
});
