import type { AssertionOutcome } from '../../contracts/result.js';
import { clamp01, fmt } from '../outcome.js';
import { AssertionEvaluationError } from '../types.js';

/**
 * Reads what a `javascript` assertion returned: a boolean; a number (the score, passing when it
 * reaches `threshold`, or is above 0 without one, as in promptfoo); or `{pass, score?, reason?}`.
 */
export function interpretScriptResult(value: unknown, threshold: number | undefined): AssertionOutcome {
  if (typeof value === 'boolean')
    return { pass: value, score: value ? 1 : 0, reason: `javascript returned ${value}` };
  if (typeof value === 'number' && !Number.isNaN(value))
    return fromScore(clamp01(value), threshold, 'javascript returned score');
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const reason = typeof o.reason === 'string' && o.reason !== '' ? o.reason : undefined;
    const score = typeof o.score === 'number' && !Number.isNaN(o.score) ? clamp01(o.score) : undefined;
    if (typeof o.pass === 'boolean') {
      const s = score ?? (o.pass ? 1 : 0);
      if (threshold !== undefined) return fromScore(s, threshold, reason ?? 'javascript score');
      return { pass: o.pass, score: s, reason: reason ?? `javascript returned pass: ${o.pass}` };
    }
    if (score !== undefined) return fromScore(score, threshold, reason ?? 'javascript returned score');
  }
  throw new AssertionEvaluationError(
    `javascript returned ${describe(value)}; expected a boolean, a number or {pass, score, reason}`,
  );
}

function fromScore(score: number, threshold: number | undefined, what: string): AssertionOutcome {
  const pass = threshold === undefined ? score > 0 : score >= threshold;
  const rule =
    threshold === undefined ? (pass ? '> 0' : '= 0') : `${pass ? '≥' : '<'} threshold ${threshold}`;
  return { pass, score, reason: `${what} ${fmt(score)} ${rule}` };
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 60))}`;
  return typeof v === 'object' ? 'an object without pass or score' : typeof v;
}
