import { type AssertionType, parseAssertionType } from '../catalog/assertions.js';
import type { ResolvedAssertion } from '../contracts/case.js';
import { registry } from './registry.js';
import { type Assertion, AssertionOptionsError } from './types.js';

/**
 * Compiling assertions once. A compiled assertion depends only on its options (type, value and
 * type-specific options; not weight, name or position), so it is cached under a canonical key of
 * those: 100,000 cases sharing one regex compile it once. The cache is bounded (LRU) because
 * rendered values differ per case when they use template variables.
 */

/**
 * Types whose factory only reads its options: building one costs less than computing a cache key
 * (at 10,000 cases with per-case values, the cache cost ~0.2 s and only filled itself).
 */
const buildEveryTime: ReadonlySet<string> = new Set<AssertionType>([
  // `name` is the tool here, not a label, and labels are left out of cache keys.
  'tool-call',
  'tool-calls',
  'tool-call-f1',
  'turns',
  'equals',
  'contains',
  'icontains',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'starts-with',
  'ends-with',
  'is-json',
  'contains-json',
  'language',
  'length',
  'latency',
  'cost',
  'tokens',
  'finish-reason',
  'ttft',
]);

/** Options that do not change what an assertion computes. */
const ignoredKeys = new Set(['weight', 'name', 'pos']);
const maxEntries = 10_000;
const byKey = new Map<string, Assertion>();
const byObject = new WeakMap<ResolvedAssertion, Assertion>();

/** A stable string for a JSON-like value: object keys sorted. */
export function canonicalKey(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalKey(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The cache key of an assertion's options. */
export function assertionKey(spec: ResolvedAssertion): string {
  const parts: string[] = [];
  for (const k of Object.keys(spec).sort()) {
    if (ignoredKeys.has(k) || spec[k] === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${canonicalKey(spec[k])}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Compiles an assertion (cached), with `not-` negation applied. Throws an `Error` with a clear
 * message for an unknown type or bad options.
 */
export function compileAssertion(spec: ResolvedAssertion): Assertion {
  if (buildEveryTime.has(spec.type.startsWith('not-') ? spec.type.slice(4) : spec.type)) return build(spec);
  // The common shape, a type and a string value (a regex), keys itself without sorting or
  // serialising: each case has its own copy of its test's assertions, so this runs per case.
  const quick = quickKey(spec);
  if (quick !== undefined) return cached(quick, spec);
  const same = byObject.get(spec);
  if (same) return same;
  const compiled = cached(assertionKey(spec), spec);
  byObject.set(spec, compiled);
  return compiled;
}

/**
 * `type NUL value` when those are the only options that count; canonical keys start with `{`,
 * so the two kinds never meet.
 */
function quickKey(spec: ResolvedAssertion): string | undefined {
  const value = (spec as { value?: unknown }).value;
  if (typeof value !== 'string') return undefined;
  for (const k in spec) {
    if (k === 'type' || k === 'value' || ignoredKeys.has(k)) continue;
    if ((spec as unknown as Record<string, unknown>)[k] !== undefined) return undefined;
  }
  return `${spec.type}\u0000${value}`;
}

/** The compiled assertion under `key`, built on a miss; the cache is an LRU. */
function cached(key: string, spec: ResolvedAssertion): Assertion {
  let compiled = byKey.get(key);
  if (compiled) {
    // Refresh recency for the LRU.
    byKey.delete(key);
    byKey.set(key, compiled);
  } else {
    compiled = build(spec);
    byKey.set(key, compiled);
    if (byKey.size > maxEntries) byKey.delete(byKey.keys().next().value!);
  }
  return compiled;
}

function build(spec: ResolvedAssertion): Assertion {
  const parsed = parseAssertionType(spec.type);
  if (!parsed) {
    const bare = spec.type.startsWith('not-') ? spec.type.slice(4) : spec.type;
    if (spec.type.startsWith('not-') && Object.hasOwn(registry, bare)) {
      throw new AssertionOptionsError(`${spec.type}: ${bare} is not deterministic and cannot be negated`);
    }
    throw new AssertionOptionsError(`unknown assertion type "${spec.type}"`);
  }
  const base = registry[parsed.base]({ ...spec, type: parsed.base });
  if (!parsed.negated) return base;
  return async (output, ctx) => {
    const v = await base(output, ctx);
    return {
      pass: !v.pass,
      score: 1 - v.score,
      reason: `${v.reason} — ${v.pass ? `${spec.type} fails` : `${spec.type} passes`}`,
    };
  };
}

/** Empties the compile cache (tests). */
export function clearAssertionCache(): void {
  byKey.clear();
}
