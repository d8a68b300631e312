/** Number formatting shared by the verdict, the Markdown, the HTML and the console text. */
import { formatPValue } from '../stats/format-p.js';

/** U+2212: a real minus sign reads better than a hyphen in "−7.5 pp". */
const MINUS = '\u2212';

/** A signed number with one decimal: "+2.5", "−7.5", "0.0". */
export function signed(x: number, digits = 1): string {
  const s = Math.abs(x).toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return `${x < 0 ? MINUS : '+'}${s}`;
}

/** A share as percentage points, signed: 0.075 → "+7.5 pp". */
export function signedPp(share: number): string {
  return `${signed(share * 100)} pp`;
}

/** A rate as a percentage with one decimal: 0.8125 → "81.3%"; null → "–". */
export function percent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}

/** An interval of shares in points: "[−14.1, −0.9]". */
export function ppInterval(ci: { low: number; high: number }): string {
  return `[${signed(ci.low * 100)}, ${signed(ci.high * 100)}]`;
}

/** A rate's interval in percent: "[70.2%, 88.9%]". */
export function percentInterval(ci: { low: number; high: number } | null): string {
  return ci ? `[${percent(ci.low)}, ${percent(ci.high)}]` : '';
}

/** A score with two decimals, or "–". */
export function score(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}

/** "p = 0.039" or "p < 0.001". */
export function pEquals(p: number): string {
  const text = formatPValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}
