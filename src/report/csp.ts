/** The Content-Security-Policy of report.html: nothing runs or loads that the page did not ship. */
import { createHash } from 'node:crypto';

/** `'sha256-…'` source expression of an inline script or style, as the browser hashes it. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Texts of the `<style>` elements in an HTML fragment (to allow them by hash). */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '');
}

/**
 * The policy: no default source, the inline script and styles by hash only, images only from
 * data: URLs, and no base, form or frame targets. Network requests have no allowed source.
 */
export function contentSecurityPolicy(scripts: string[], styles: string[]): string {
  const list = (xs: string[]) => [...new Set(xs.map(hashSource))].join(' ');
  return [
    "default-src 'none'",
    `script-src ${list(scripts)}`,
    `style-src ${list(styles)}`,
    'img-src data:',
    "font-src 'none'",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
