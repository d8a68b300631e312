/**
 * Turns ajv errors into diagnostics a person can act on: one per problem, at the exact node
 * (the key for an unknown property), in YAML words ("a list", "a mapping"), with "did you mean".
 */
import type { ErrorObject } from 'ajv';
import { listOf, suggest } from '../catalog/suggest.js';
import type { Diagnostic } from '../contracts/diagnostic.js';
import type { Locator, PathSeg } from './document-path.js';

/** Splits an ajv instancePath (`/tests/0/assert`) into document path segments. */
export function pointerToPath(pointer: string): PathSeg[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => {
      const u = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9]\d*)$/.test(u) ? Number(u) : u;
    });
}

const typeWords: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'null',
};

function typeWord(t: unknown): string {
  return ([] as unknown[])
    .concat(t)
    .map((x) => typeWords[String(x)] ?? String(x))
    .join(' or ');
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 50 ? `${s.slice(0, 47)}...` : s;
}

function valueAt(root: unknown, path: readonly PathSeg[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

/** What one failed branch of a union wanted, for "must be X or Y". */
function wanted(e: ErrorObject): string {
  switch (e.keyword) {
    case 'type':
      return typeWord(e.params.type);
    case 'pattern':
      return `a string matching ${e.params.pattern}`;
    case 'const':
      return shown(e.params.allowedValue);
    case 'enum':
      return `one of ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'minItems':
      return `a list of at least ${e.params.limit}`;
    case 'minProperties':
      return `a mapping with at least ${e.params.limit} entr${e.params.limit === 1 ? 'y' : 'ies'}`;
    case 'minLength':
      return 'a non-empty string';
    default:
      return e.message ?? e.keyword;
  }
}

/** Options for context-specific words. */
export interface AjvDiagnosticOptions {
  /** A friendlier message for an unknown property at a path, e.g. an assertion option. */
  unknownProperty?: (path: PathSeg[], prop: string, allowed: string[], root: unknown) => string | undefined;
  /** Words for known patterns: `"^[dgimsuvy]*$"` → "only the regex flags d, g, i, m, s, u, v, y". */
  patternWords?: Record<string, string>;
  /** A friendlier message for a key that breaks `propertyNames` (e.g. not a language tag). */
  badKey?: (path: PathSeg[], key: string, params: Record<string, unknown> | undefined) => string | undefined;
  /** A friendlier message for a bad enum value at a path, e.g. an assertion type. */
  badEnum?: (path: PathSeg[], value: unknown) => string | undefined;
}

/** Converts ajv errors (run with `allErrors`) into deduplicated, positioned diagnostics. */
export function ajvDiagnostics(
  errors: readonly ErrorObject[],
  root: unknown,
  locator: Locator,
  options: AjvDiagnosticOptions = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A bad key gives a `propertyNames` error plus the inner error of the name's schema; the
  // inner one is folded into the first.
  const isKeyInner = (e: ErrorObject) => e.schemaPath.includes('/propertyNames/');
  // `if` and `discriminator` only say that a branch failed (or that the tag is not one of the
  // allowed values): the branch's own errors, or the tag's `enum`/`required` error, say what.
  const errs = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'discriminator' && !isKeyInner(e));
  // Union errors first: they decide which of their branches' errors are worth showing.
  const suppressed = new Set<ErrorObject>();
  for (const u of errs) {
    if (u.keyword !== 'anyOf' && u.keyword !== 'oneOf') continue;
    const branch = errs.filter((e) => e !== u && e.schemaPath.startsWith(`${u.schemaPath}/`));
    // Errors inside $ref'd definitions carry the definition's schemaPath, so "deeper" is by instance.
    const deeper = errs.filter((e) => e.instancePath.startsWith(`${u.instancePath}/`));
    const here = branch.filter((e) => e.instancePath === u.instancePath);
    const badKeys = here.filter((e) => e.keyword === 'propertyNames');
    if (deeper.length > 0 || badKeys.length > 0) {
      for (const e of badKeys) here.splice(here.indexOf(e), 1);
      // The value has the right shape for one branch; its inner errors explain the failure.
      for (const e of here) suppressed.add(e);
      suppressed.add(u);
    } else {
      for (const e of here) suppressed.add(e);
      const path = pointerToPath(u.instancePath);
      if (here.length > 0 && here.every((e) => e.keyword === 'required')) {
        const names = here.map((e) => `"${String(e.params.missingProperty)}"`);
        out.push(locator.diag(path, `needs at least one of ${names.join(', ')}`));
        suppressed.add(u);
        continue;
      }
      const alts = [
        ...new Set(here.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf').map(wanted)),
      ];
      out.push(
        locator.diag(
          path,
          `must be ${alts.length > 0 ? alts.join(' or ') : 'one of the allowed forms'}, got ${shown(valueAt(root, path))}`,
        ),
      );
      suppressed.add(u);
    }
  }
  const seen = new Set<string>();
  for (const e of errs) {
    if (e.keyword !== 'propertyNames') continue;
    const path = pointerToPath(e.instancePath);
    const name = String((e.params as { propertyName?: string }).propertyName);
    const inner = errors.find(
      (i) =>
        isKeyInner(i) && i.schemaPath.startsWith(`${e.schemaPath}/`) && i.instancePath === e.instancePath,
    );
    const custom = options.badKey?.(path, name, inner?.params as Record<string, unknown> | undefined);
    out.push(
      locator.diag([...path, name], custom ?? `key "${name}" ${inner?.message ?? 'is not allowed'}`, {
        part: 'key',
      }),
    );
  }
  for (const e of errs) {
    if (suppressed.has(e) || e.keyword === 'propertyNames') continue;
    const path = pointerToPath(e.instancePath);
    const value = valueAt(root, path);
    if (e.keyword === 'additionalProperties') {
      const prop = String(e.params.additionalProperty);
      const allowed = Object.keys(
        (e.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {},
      );
      const custom = options.unknownProperty?.(path, prop, allowed, root);
      const suggestion = suggest(prop, allowed);
      out.push(
        locator.diag(
          [...path, prop],
          custom ?? `unknown property "${prop}"; allowed: ${listOf(allowed, 20)}`,
          {
            part: 'key',
            ...(suggestion ? { suggestion } : {}),
          },
        ),
      );
      continue;
    }
    if (e.keyword === 'required') {
      const prop = String(e.params.missingProperty);
      out.push(locator.diag(path, `missing required property "${prop}"`));
      continue;
    }
    // One value problem per node is enough.
    const key = e.instancePath;
    if (seen.has(key)) continue;
    seen.add(key);
    if (e.keyword === 'enum') {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const custom = options.badEnum?.(path, value);
      const suggestion = typeof value === 'string' ? suggest(value, allowed) : undefined;
      out.push(
        locator.diag(
          path,
          custom ?? `${shown(value)} is not allowed; must be one of ${listOf(allowed, 20)}`,
          {
            ...(suggestion ? { suggestion } : {}),
          },
        ),
      );
      continue;
    }
    if (e.keyword === 'type') {
      out.push(locator.diag(path, `must be ${typeWord(e.params.type)}, got ${shown(value)}`));
      continue;
    }
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const words = e.keyword === 'pattern' ? options.patternWords?.[String(e.params.pattern)] : undefined;
    if (words) {
      out.push(locator.diag(path, `must be ${words}, got ${shown(value)}`));
      continue;
    }
    out.push(locator.diag(path, `${e.message ?? 'is not valid'}, got ${shown(value)}`));
  }
  return out;
}
