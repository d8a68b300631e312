/**
 * How long a report.html takes to open in Chromium from `file://`: from `goto` until the page's
 * script marks `<html data-ready="true">` (the case list rendered and filters wired). The
 * browser is launched once; each run uses a fresh context (no cache).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../test/utils/chromium.js';

export interface OpenRun {
  /** goto → data-ready observed by the driver. */
  wallMs: number;
  /** The page's own clock when ready (ms since navigation start), null if unavailable. */
  pageMs: number | null;
  /** Rows in the case list when ready. */
  rows: number;
}

/** Opens `file` `runs` times; the browser is closed before returning. */
export async function measureReportOpen(file: string, runs: number): Promise<OpenRun[]> {
  const browser = await launchChromium();
  const url = pathToFileURL(file).href;
  const out: OpenRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      // Nothing may leave the file: any network request is a bug in the report, so refuse it.
      await page.route(/^(https?|wss?):/, (route) => route.abort());
      const started = performance.now();
      await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
      // Polled every animation frame: the value is the page's clock at the first frame ready.
      const ready = await page.waitForFunction(
        () => (document.documentElement.dataset.ready === 'true' ? performance.now() : false),
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      const wallMs = performance.now() - started;
      const pageMs = Number(await ready.jsonValue());
      const rows = await page.evaluate(() => document.querySelectorAll('#list > *').length);
      out.push({ wallMs, pageMs: Number.isFinite(pageMs) ? pageMs : null, rows });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

/**
 * Writes a `cases`-case report.html from `fakeReport` (two models, so the side-by-side view
 * and the comparison-free multi-model page are exercised) with the built reporter in `dist/`.
 */
export async function writeFakeReport(root: string, outDir: string, cases: number): Promise<string> {
  const { fakeReport } = await import('../test/utils/fake-report.js');
  // The built package's public API, so the templates resolve from it as for `qeval run`.
  const spec = pathToFileURL(join(root, 'dist', 'index.js')).href;
  const mod = (await import(spec)) as {
    writeReports(report: unknown, outDir: string, formats: string[]): Promise<string[]>;
  };
  const report = fakeReport({
    cases,
    models: ['qwen-max', 'qwen-max-2025-01-25'],
    langs: ['zh', 'en', 'ar', 'es', 'fr', 'de', 'ru', 'ja', 'ko', 'hi', 'pt', 'vi'],
    seed: 8,
  });
  await mkdir(outDir, { recursive: true });
  const [file] = await mod.writeReports(report, outDir, ['html']);
  if (!file) throw new Error('the html reporter wrote no file');
  return file;
}
