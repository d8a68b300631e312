/**
 * A transcript in report.html, in Chromium: a tool loop reads as a conversation in order (turn,
 * step, role), tool arguments and results are pretty-printed JSON, an Arabic turn reads right to
 * left, and nothing errors under the page's CSP. The screenshot goes to test/artifacts/; with
 * QEVAL_DOCS_SCREENSHOT=1 also to docs/report-transcript.png (the README's picture).
 */
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeReports } from '../../src/report/reporters.js';
import { launchChromium, offlineContext } from '../utils/chromium.js';
import { cleanEnv, repoRoot, runCli } from '../utils/cli.js';
import { fakeAgentReport } from '../utils/fake-agent-report.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const DIR = `${ARTIFACTS}report-transcript/`;
const SHOT = `${ARTIFACTS}report-transcript.png`;
const DOCS = fileURLToPath(new URL('../../docs/report-transcript.png', import.meta.url));

let browser: Browser;
const escaped: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await rm(DIR, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  await writeReports(fakeAgentReport(), DIR, ['html']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Expands the row of one test in one language. */
async function expand(page: Page, test: string, lang: string) {
  const row = page.locator('#list .row').filter({
    has: page.locator('.tid', { hasText: new RegExp(`^${test}$`) }),
  });
  await row
    .filter({ has: page.locator('.lang', { hasText: new RegExp(`^${lang}$`) }) })
    .locator('.row-main')
    .click();
}

it('shows a transcript as a conversation, steps in order, arguments pretty-printed, Arabic right to left', async () => {
  const context = await offlineContext(browser, escaped);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(pathToFileURL(`${DIR}report.html`).href);
  await page.waitForSelector('html[data-ready="true"]');

  await expand(page, 'weather', 'en');
  const weather = page.locator('#list .row', { has: page.locator('.t-msg') }).first();
  expect(await weather.locator('.t-msg > .block-title').allTextContents()).toEqual([
    'turn 1 · system',
    'turn 1 · user',
    'turn 1 · step 1 · assistant',
    'turn 1 · step 1 · tool result · get_weather',
    'turn 1 · step 2 · assistant',
    'turn 1 · step 2 · tool result · get_time',
    'turn 1 · step 3 · assistant',
  ]);
  expect(await weather.locator('.t-call-name').allTextContents()).toEqual(['→ get_weather', '→ get_time']);
  const args = await weather.locator('pre.t-args').allTextContents();
  expect(args[1]).toBe(JSON.stringify({ city: 'Paris', format: { clock: '24h', seconds: false } }, null, 2));
  expect(await weather.locator('.t-tool pre').first().textContent()).toBe(
    JSON.stringify({ city: 'Paris', temp_c: 18, sky: 'clear' }, null, 2),
  );
  expect(await weather.locator('pre.output').textContent()).toContain('18 °C');

  await expand(page, 'booking', 'ar');
  const booking = page.locator('#list .row', { has: page.locator('.tid', { hasText: /^booking$/ }) });
  await expect.poll(() => booking.locator('.t-msg').count()).toBe(6);
  const direction = (i: number) =>
    booking
      .locator('.t-msg pre')
      .nth(i)
      .evaluate((e) => getComputedStyle(e).direction);
  expect(await booking.locator('.t-user pre').nth(1).textContent()).toBe('غدًا الساعة 20:00');
  expect(
    await booking
      .locator('.t-user pre')
      .nth(1)
      .evaluate((e) => getComputedStyle(e).direction),
  ).toBe('rtl');
  expect(await direction(0)).toBe('rtl');
  // The JSON arguments of the call read left to right beside the Arabic.
  expect(await booking.locator('pre.t-args').evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');

  await expand(page, 'typo', 'en');
  const typo = page.locator('#list .row', { has: page.locator('.tid', { hasText: /^typo$/ }) });
  expect(await typo.locator('.t-why').textContent()).toBe('error: unknown tool get_wether');

  await page.locator('#cases').screenshot({ path: SHOT });
  expect((await stat(SHOT)).size).toBeLessThan(300_000);
  if (process.env.QEVAL_DOCS_SCREENSHOT === '1') await copyFile(SHOT, DOCS);
  expect(escaped).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
}, 60_000);

it('marks the turns a simulated user wrote and says how its dialogue ended (the shipped support-sim suite)', async () => {
  const out = `${ARTIFACTS}report-simulated/`;
  await rm(out, { recursive: true, force: true });
  const run = await runCli(
    ['run', 'suites/support-sim.yaml', '--no-progress', '--quiet', '-o', out, '--format', 'html,junit'],
    {
      cwd: repoRoot,
      env: cleanEnv(),
    },
  );
  expect(run.code, run.stderr).toBe(0);
  const context = await offlineContext(browser, escaped);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(`${out}report.html`).href);
  await page.waitForSelector('html[data-ready="true"]');
  await expand(page, 'refund-sim', 'hi');
  const row = page.locator('#list .row', { has: page.locator('.t-msg') }).first();
  const titles = await row.locator('.t-msg > .block-title').allTextContents();
  expect(titles.filter((t) => t.endsWith('user (simulated)'))).toEqual([
    'turn 1 · user (simulated)',
    'turn 2 · user (simulated)',
  ]);
  expect(await row.locator('.t-end').textContent()).toBe(
    'dialogue ended: the simulated user said [GOAL MET]',
  );
  expect(problems).toEqual([]);
  const junit = await readFile(`${out}junit.xml`, 'utf8');
  expect(junit).not.toContain('<failure');
  await context.close();
}, 60_000);
