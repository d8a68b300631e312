/** Number and label formatting shared by the HTML, Markdown and JUnit reporters. */

import type { Interval } from '../contracts/interval.js';
import { formatPValue } from '../stats/format-p.js';

/** `0.8423` → `84.2%`; null → `—`. */
export function pct(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** A 95% interval as `80.1–87.9%`; null → empty. */
export function interval(ci: Interval | null | undefined): string {
  if (!ci) return '';
  return `${(ci.low * 100).toFixed(1)}–${(ci.high * 100).toFixed(1)}%`;
}

/** A score in [0, 1] with two decimals. */
export function score(s: number | null | undefined): string {
  return s === null || s === undefined || !Number.isFinite(s) ? '—' : s.toFixed(2);
}

/** Milliseconds as `850 ms` or `1.2 s`. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}

/** USD with enough digits to show cents of cents. */
export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(5)}` : `$${value.toFixed(value < 10 ? 4 : 2)}`;
}

const integer = new Intl.NumberFormat('en-US');

/** Integer with thousands separators. */
export function int(value: number): string {
  return integer.format(value);
}

/** A p-value as `p = 0.003` or `p < 0.001`. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  const f = formatPValue(p);
  return f.startsWith('<') ? `p ${f}` : `p = ${f}`;
}

// Made on first use: the first Intl.DisplayNames loads ICU's language names (milliseconds), which
// a run that never names a language should not pay for.
let names: Intl.DisplayNames | undefined;
// A report names the same few languages once per case: each is looked up in ICU once.
const nameByTag = new Map<string, string>();

/** English name of a BCP-47 language tag (`ar` → `Arabic`); the tag itself when unknown. */
export function languageName(tag: string | null): string {
  if (!tag) return 'unknown';
  let name = nameByTag.get(tag);
  if (name === undefined) {
    try {
      names ??= new Intl.DisplayNames(['en'], { type: 'language' });
      name = names.of(tag) ?? tag;
    } catch {
      name = tag;
    }
    nameByTag.set(tag, name);
  }
  return name;
}

/** The label of a case as used in JUnit names and Markdown lists: `test_id [lang] model variant #sample`. */
export function caseLabel(c: {
  test_id: string;
  lang: string | null;
  model: string;
  variant: string | null;
  sample: number;
}): string {
  const parts = [c.test_id];
  if (c.lang) parts.push(`[${c.lang}]`);
  parts.push(c.model);
  if (c.variant) parts.push(c.variant);
  parts.push(`#${c.sample}`);
  return parts.join(' ');
}
