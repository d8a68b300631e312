/**
 * Debian's Chromium driven by playwright-core, as every browser test and the benchmark launch it:
 * no sandbox (root in CI), no GPU, and none of Chromium's own background traffic, which this
 * machine's closed network would refuse.
 */
import type { Browser, BrowserContext } from 'playwright-core';

export const chromiumPath = process.env.QEVAL_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/**
 * A context whose every request other than file: and data: is refused and recorded in `escaped`:
 * a report must not need the network.
 */
export async function offlineContext(browser: Browser, escaped: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  await context.route(/^(?!file:|data:)/, (route) => {
    escaped.push(route.request().url());
    return route.abort();
  });
  return context;
}
