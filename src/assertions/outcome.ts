import type { AssertionOutcome } from '../contracts/result.js';

/** Clamps a number into [0, 1]; NaN becomes 0. */
export function clamp01(x: number): number {
  if (!(x > 0)) return 0;
  return Math.min(x, 1);
}

/** A pass/fail verdict scored 1 or 0. */
export function binary(pass: boolean, reason: string): AssertionOutcome {
  return { pass, score: pass ? 1 : 0, reason };
}

/** A scored verdict that passes when the score reaches the threshold. */
export function scored(score: number, threshold: number, describe: string): AssertionOutcome {
  const s = clamp01(score);
  const pass = s >= threshold;
  return { pass, score: s, reason: `${describe} = ${fmt(s)} ${pass ? '≥' : '<'} threshold ${threshold}` };
}

/** Formats a score for a reason: at most 4 decimals, no trailing zeros. */
export function fmt(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

/** Quotes a piece of text for a reason, cut to a readable length. */
export function quote(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
