/** Checks a suite document against the suite JSON Schema (compiled once, on first use). */
import { Ajv, type ValidateFunction } from 'ajv';
import { allTypeNames, catalog, parseAssertionType } from '../assertions/catalog.js';
import type { Diagnostic } from '../errors.js';
import { ajvDiagnostics } from './ajv-diagnostics.js';
import { buildSuiteSchema, idPattern, langPattern } from './schema.js';
import { listOf, suggest } from './suggest.js';
import type { Locator, PathSeg } from './yaml-source.js';

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  // `verbose` keeps each error's parentSchema: ajv-diagnostics lists the allowed keys from it.
  validator ??= new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    allowUnionTypes: true,
    inlineRefs: false,
  }).compile(buildSuiteSchema());
  return validator;
}

/** An assertion's path ends in `assert[i]`. */
function isAssertionPath(path: PathSeg[]): boolean {
  return typeof path.at(-1) === 'number' && path.at(-2) === 'assert';
}

function typeAt(root: unknown, path: PathSeg[]): string {
  let v = root;
  for (const seg of path) v = (v as Record<string, unknown>)?.[seg as string];
  return String((v as { type?: unknown })?.type);
}

/** Schema diagnostics of a suite document, positioned and worded for people. */
export function checkSuiteSchema(value: unknown, locator: Locator): Diagnostic[] {
  const validate = compiled();
  if (validate(value)) return [];
  return ajvDiagnostics(validate.errors ?? [], value, locator, {
    unknownProperty(path, prop, allowed, root) {
      if (!isAssertionPath(path)) return undefined;
      const type = typeAt(root, path);
      const parsed = parseAssertionType(type);
      if (prop === 'threshold' && parsed && !catalog[parsed.base].scored) {
        return `"threshold" applies to scored assertion types only; ${type} passes or fails`;
      }
      return `unknown option "${prop}" for assertion type ${type}; allowed: ${listOf(allowed, 20)}`;
    },
    patternWords: {
      '^[dgimsuvy]*$': 'regex flags from d, g, i, m, s, u, v, y',
      [langPattern]: 'a BCP-47 language tag such as en, zh, ar or pt-BR',
      [idPattern]: 'a name without "/", "#" or spaces (it becomes part of case ids)',
      '^file://': 'an inline JSON Schema or a file:// path',
    },
    badKey(_path, key, params) {
      if (params?.pattern === langPattern) {
        return `"${key}" is not a language tag; use a BCP-47 code such as en, zh, ar or pt-BR`;
      }
      if (params?.pattern === idPattern)
        return `"${key}" may not contain "/", "#" or spaces (it becomes part of case ids)`;
      return undefined;
    },
    badEnum(path, value) {
      if (path.at(-1) !== 'type' || !isAssertionPath(path.slice(0, -1))) return undefined;
      const s = typeof value === 'string' ? value : JSON.stringify(value);
      if (typeof value === 'string' && value.startsWith('not-') && parseAssertionType(value.slice(4))) {
        return `"${s}": ${value.slice(4)} is model-graded or custom and cannot be negated with not-`;
      }
      const hint =
        typeof value === 'string' && suggest(value, allTypeNames())
          ? ''
          : `; allowed: ${allTypeNames()
              .filter((n) => !n.startsWith('not-'))
              .join(', ')} (and not-<type> for deterministic types)`;
      return `unknown assertion type "${s}"${hint}`;
    },
  });
}
