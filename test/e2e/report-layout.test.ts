/**
 * report.html's layout at common desktop widths (issue 20), in Chromium: every breakdown table
 * fits its card with the cost column in view, no table is cut, the page does not scroll
 * sideways, and a chart is as tall as its bars. Screenshots go to test/artifacts/ (git-ignored).
 */
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/report/reporters.js';
import { launchChromium, offlineContext } from '../utils/chromium.js';
import { fakeReport } from '../utils/fake-report.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const DIR = `${ARTIFACTS}report-layout/`;
const WIDTHS = [1280, 1400, 1920];

let browser: Browser;
let context: BrowserContext;
const escaped: string[] = [];

beforeAll(async () => {
  await rm(DIR, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  // Two models, one with a long id, and enough cases for five-digit token counts: the widest
  // breakdown row the issue saw cut.
  const report = fakeReport({
    cases: 2400,
    seed: 7,
    models: ['alibaba/qwen3-max-instruct', 'qwen-max-2025-01-25'],
    langs: ['en', 'zh', 'ar', 'ru', 'ja', 'es'],
  });
  await writeReports(report, DIR, ['html']);
  browser = await launchChromium();
  context = await offlineContext(browser, escaped);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(width: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(pathToFileURL(`${DIR}report.html`).href);
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

/** Every visible table: how wide it is, how wide its box is, and whether that box scrolls sideways. */
function tablesInView(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLTableElement>('table.grid-table')]
      .filter((t) => t.offsetParent !== null)
      .map((t) => {
        const box = t.parentElement as HTMLElement;
        const last = t.querySelector('thead th:last-child')?.getBoundingClientRect();
        return {
          section: t.closest('section')?.id ?? '',
          tableWidth: t.scrollWidth,
          boxWidth: box.clientWidth,
          boxScrollWidth: box.scrollWidth,
          scrolls: getComputedStyle(box).overflowX === 'auto',
          lastColumn: t.querySelector('thead th:last-child')?.textContent ?? '',
          lastRight: last?.right ?? 0,
          boxRight: box.getBoundingClientRect().right,
        };
      }),
  );
}

describe.each(WIDTHS)('report.html at %i px', (width) => {
  it('fits every breakdown table in its card, cost column in view, and cuts no table', async () => {
    const page = await open(width);
    await page.screenshot({ path: `${DIR}report-${width}.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const tabs = await page.locator('#breakdown .tab-label').all();
    expect(tabs.length).toBeGreaterThanOrEqual(4);
    for (const tab of tabs) {
      await tab.click();
      const name = await tab.textContent();
      const tables = await tablesInView(page);
      const breakdown = tables.filter((t) => t.section === 'breakdown');
      expect(breakdown, `${name}`).toHaveLength(1);
      for (const t of breakdown) {
        expect(t.tableWidth, `${name}: table fits its card`).toBeLessThanOrEqual(t.boxWidth);
        expect(t.lastColumn).toBe('cost');
        expect(t.lastRight, `${name}: cost column in view`).toBeLessThanOrEqual(t.boxRight);
      }
      // Any other table either fits or scrolls inside its own box.
      for (const t of tables) expect(t.boxScrollWidth <= t.boxWidth || t.scrolls, t.section).toBe(true);
    }
    await page.locator('#breakdown .tab-label').first().click();
    await page.locator('#breakdown').screenshot({ path: `${DIR}breakdown-${width}.png` });
    expect(escaped).toEqual([]);
    await page.close();
  });

  it('draws each pass-rate chart as tall as its bars, not as tall as its neighbour', async () => {
    const page = await open(width);
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.chart')]
        .filter((f) => f.querySelector('svg.rate-chart'))
        .map((f) => ({
          caption: f.querySelector('figcaption')?.textContent ?? '',
          bars: f.querySelectorAll('svg.rate-chart g.bar').length,
          height: f.getBoundingClientRect().height,
        })),
    );
    const byModel = charts.find((c) => c.caption.startsWith('Pass rate by model'));
    const byLang = charts.find((c) => c.caption.startsWith('Pass rate by language'));
    expect(byModel?.bars).toBe(2);
    expect(byLang?.bars).toBe(6);
    // Caption, padding and axis (~100 px) plus ~30 px a bar (24 units drawn at up to 1.24×).
    for (const c of charts) expect(c.height, c.caption).toBeLessThanOrEqual(110 + 31 * c.bars);
    expect(byModel!.height).toBeLessThan(byLang!.height - 3 * 24);
    await page.close();
  });
});
