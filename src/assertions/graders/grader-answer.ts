import { extractFirstJson } from '../json-extract.js';
import { clamp01, quote } from '../outcome.js';
import { AssertionEvaluationError } from '../types.js';

/** The fields a grader's JSON answer may carry, normalised. */
export interface GraderAnswer {
  pass?: boolean;
  score?: number;
  reason?: string;
  category?: string;
}

/**
 * Reads a grader's answer: the first JSON object in the text (bare, in a code fence, or with
 * prose around it), its fields normalised: `pass` as a boolean (also "true"/"yes"/"pass"),
 * `score` as a number clamped into [0, 1]. Throws `AssertionEvaluationError` when there is no
 * JSON object at all: the case is then `error`, not `fail`.
 */
export function parseGraderAnswer(text: string): GraderAnswer {
  const found = extractFirstJson(text);
  if (!found.found || !found.value || typeof found.value !== 'object' || Array.isArray(found.value)) {
    throw new AssertionEvaluationError(`grader did not answer with a JSON object: ${quote(text, 160)}`);
  }
  const o = found.value as Record<string, unknown>;
  const answer: GraderAnswer = {};
  const pass = toBoolean(o.pass);
  if (pass !== undefined) answer.pass = pass;
  const score = toNumber(o.score);
  if (score !== undefined) answer.score = clamp01(score);
  const reason = o.reason ?? o.explanation ?? o.rationale;
  if (typeof reason === 'string' && reason.trim() !== '') answer.reason = reason.trim();
  if (typeof o.category === 'string')
    answer.category = o.category
      .trim()
      .replace(/^\(?([A-Za-z])\)?.*$/s, '$1')
      .toUpperCase();
  return answer;
}

/** Requires `pass` and `score`; a verdict without them is nonsense, not a failure. */
export function requirePassFail(
  answer: GraderAnswer,
  raw: string,
): { pass: boolean; score: number; reason: string } {
  const missing = [answer.pass === undefined ? 'pass' : '', answer.score === undefined ? 'score' : ''].filter(
    Boolean,
  );
  if (missing.length > 0) {
    throw new AssertionEvaluationError(`grader's verdict lacks ${missing.join(' and ')}: ${quote(raw, 160)}`);
  }
  return { pass: answer.pass!, score: answer.score!, reason: answer.reason ?? '(the grader gave no reason)' };
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['true', 'yes', 'pass', 'passed'].includes(s)) return true;
    if (['false', 'no', 'fail', 'failed'].includes(s)) return false;
  }
  return undefined;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim().replace(/%$/, ''));
    if (Number.isFinite(n)) return v.trim().endsWith('%') ? n / 100 : n;
  }
  return undefined;
}
