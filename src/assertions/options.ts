import type { ResolvedAssertion } from '../contracts/case.js';
import { AssertionOptionsError } from './types.js';

/**
 * Typed reads of an assertion's options. Schema validation normally rejects bad options before a
 * run; these guards keep a factory's error clear when it is called directly (rescore, API use).
 */

export function requireString(a: ResolvedAssertion, key = 'value'): string {
  const v = a[key];
  if (typeof v !== 'string') throw new AssertionOptionsError(`${a.type}: \`${key}\` must be a string`);
  return v;
}

export function optionalString(a: ResolvedAssertion, key: string): string | undefined {
  const v = a[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AssertionOptionsError(`${a.type}: \`${key}\` must be a string`);
  return v;
}

export function optionalNumber(a: ResolvedAssertion, key: string): number | undefined {
  const v = a[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v))
    throw new AssertionOptionsError(`${a.type}: \`${key}\` must be a number`);
  return v;
}

/** A string or a non-empty list of strings, as a list. */
export function stringList(a: ResolvedAssertion, key = 'value'): string[] {
  const v = a[key];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  throw new AssertionOptionsError(`${a.type}: \`${key}\` must be a string or a non-empty list of strings`);
}

/** The assertion's `threshold`, or the type's default. */
export function thresholdOf(a: ResolvedAssertion, fallback: number): number {
  return optionalNumber(a, 'threshold') ?? fallback;
}
