/**
 * compare.html in a real browser (playwright-core driving Debian's Chromium), with the checks
 * the run report passes: it loads from file:// with no request leaving it and no script error or
 * CSP violation, hostile test ids and reasons are inert and visible, right-to-left text reads
 * right to left, and the run report's stylesheet applies. Screenshot in test/artifacts/.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareReports } from '../../src/compare/compare.js';
import { comparisonPageHtml } from '../../src/report/comparison-html.js';
import { makeCase, makeReport } from '../unit/compare/make-case.js';
import { HOSTILE, scenario } from '../unit/compare/scenario.js';
import { launchChromium, offlineContext } from '../utils/chromium.js';

const DIR = fileURLToPath(new URL('../artifacts/compare-html/', import.meta.url));
const ARABIC_ID = 'سياسة-الاسترداد';
const ARABIC_REASON = 'لا يذكر فترة الاسترداد';

let browser: Browser;
let context: BrowserContext;
const escaped: string[] = [];
const problems: string[] = [];

async function open(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(pathToFileURL(`${DIR}compare.html`).href);
  return page;
}

beforeAll(async () => {
  const { a, b } = scenario({ hostile: true });
  a.push(makeCase({ test_id: ARABIC_ID, lang: 'ar', status: 'pass', model: 'qwen-max' }));
  b.push(
    makeCase({
      test_id: ARABIC_ID,
      lang: 'ar',
      status: 'fail',
      model: 'qwen-max-2025-01-25',
      assertions: [{ type: 'llm-rubric', weight: 1, pass: false, score: 0, reason: ARABIC_REASON }],
    }),
  );
  const c = compareReports(makeReport(a), makeReport(b));
  await rm(DIR, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  await writeFile(`${DIR}compare.html`, comparisonPageHtml(c));
  browser = await launchChromium();
  context = await offlineContext(browser, escaped);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('compare.html in Chromium', () => {
  it('loads with no request leaving file:// and no script error or CSP violation', async () => {
    const page = await open();
    await expect(page.locator('#comparison-title').textContent()).resolves.toBe(
      'Comparison: qwen-max-2025-01-25 vs qwen-max',
    );
    await page.screenshot({ path: `${DIR}compare-html.png`, fullPage: true });
    expect(escaped).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the verdict and exactly the regressions', async () => {
    const page = await open();
    await expect(page.locator('.verdict').textContent()).resolves.toMatch(/McNemar p = 0\.0\d\d — worse/);
    const regressions = page.locator('#comparison-regressions + .table-wrap tbody tr');
    await expect(regressions.count()).resolves.toBe(11);
    await page.close();
  });

  it('shows hostile ids and reasons as text and runs none of them', async () => {
    const page = await open();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(HOSTILE);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads Arabic right to left and applies the run report stylesheet', async () => {
    const page = await open();
    // dir="auto": an Arabic reason reads right to left; the key starts with the suite name, so stays ltr
    const reason = page.locator('td', { hasText: ARABIC_REASON }).first();
    expect(await reason.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    const key = page.locator('code', { hasText: ARABIC_ID }).first();
    expect(await key.getAttribute('dir')).toBe('auto');
    const table = page.locator('.grid-table').first();
    expect(await table.evaluate((e) => getComputedStyle(e).borderCollapse)).toBe('collapse');
    await page.close();
  });
});
