import { JSONPath } from 'jsonpath-plus';
import { isFileRef, readFileRef, resolveFileRef } from './file-ref.js';
import { extractFirstJson, parseWhole } from './json-extract.js';
import { compileSchema, describeSchemaErrors } from './json-schema-compiler.js';
import { optionalString, requireString } from './options.js';
import { binary, quote } from './outcome.js';
import { canonical } from './text.js';
import type { AssertionFactory } from './types.js';
import { AssertionEvaluationError, AssertionOptionsError } from './types.js';

/** The structure family: is-json, contains-json, json-schema, json-path. */

const where = { whole: 'the output', fence: 'a code fence', inline: 'the output text' } as const;

export const isJson: AssertionFactory = () => (output) => {
  const r = parseWhole(output);
  if (r.found) return binary(true, 'output is valid JSON');
  const inner = extractFirstJson(output);
  return binary(
    false,
    inner.found
      ? `output is not JSON as a whole, though ${where[inner.where]} contains JSON (use contains-json)`
      : `output is not valid JSON: ${jsonError(output)}`,
  );
};

export const containsJson: AssertionFactory = () => (output) => {
  const r = extractFirstJson(output);
  return r.found
    ? binary(true, `found JSON in ${where[r.where]}`)
    : binary(false, 'output contains no JSON value');
};

/** `json-schema`: the output's JSON (whole, else the first JSON in it) validates against the schema. */
export const jsonSchema: AssertionFactory = (options) => {
  const value = options.value;
  let inline: ReturnType<typeof compileSchema> | undefined;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    inline = compileSchema(value as Record<string, unknown>);
  } else if (!isFileRef(value)) {
    throw new AssertionOptionsError('json-schema: `value` must be a schema object or a file:// reference');
  }
  // A file:// schema resolves against the suite directory, known only when the case runs.
  const byFile = new Map<string, Promise<ReturnType<typeof compileSchema>>>();
  const load = (baseDir: string) => {
    const ref = value as string;
    const key = resolveFileRef(ref, baseDir).path;
    let p = byFile.get(key);
    if (!p) {
      p = readFileRef(ref, baseDir).then((text) => {
        try {
          return compileSchema(JSON.parse(text) as Record<string, unknown>);
        } catch (e) {
          throw new AssertionEvaluationError(`json-schema ${ref}: ${(e as Error).message}`);
        }
      });
      byFile.set(key, p);
    }
    return p;
  };
  return async (output, ctx) => {
    let validate = inline;
    if (!validate) {
      try {
        validate = await load(ctx.baseDir);
      } catch (e) {
        if (e instanceof AssertionEvaluationError) throw e;
        throw new AssertionEvaluationError(`json-schema: ${(e as Error).message}`);
      }
    }
    const r = extractFirstJson(output);
    if (!r.found) return binary(false, 'output contains no JSON to validate');
    return validate(r.value)
      ? binary(true, `JSON in ${where[r.where]} matches the schema`)
      : binary(false, `JSON does not match the schema: ${describeSchemaErrors(validate)}`);
  };
};

/**
 * `json-path`: evaluates `path` on the output's JSON. Passes when the path matches something,
 * and (if given) some match `equals` the value structurally or `contains` the text.
 */
export const jsonPath: AssertionFactory = (options) => {
  const path = requireString(options, 'path');
  try {
    JSONPath.toPathArray(path);
  } catch (e) {
    throw new AssertionOptionsError(`json-path: invalid path ${path}: ${(e as Error).message}`);
  }
  const hasEquals = Object.hasOwn(options, 'equals') && options.equals !== undefined;
  const wantEquals = hasEquals ? JSON.stringify(canonical(options.equals)) : '';
  const wantContains = optionalString(options, 'contains')?.normalize('NFC');
  return (output) => {
    const r = extractFirstJson(output);
    if (!r.found) return binary(false, `output contains no JSON to evaluate ${path} on`);
    let matches: unknown[];
    try {
      matches = JSONPath({ path, json: r.value as object, wrap: true }) as unknown[];
    } catch (e) {
      return binary(false, `${path} could not be evaluated: ${(e as Error).message}`);
    }
    if (matches.length === 0) return binary(false, `${path} matches nothing in the JSON`);
    if (hasEquals) {
      const ok = matches.some((m) => JSON.stringify(canonical(m)) === wantEquals);
      return ok
        ? binary(true, `${path} equals ${quote(wantEquals)}`)
        : binary(
            false,
            `${path} is ${quote(JSON.stringify(matches.length === 1 ? matches[0] : matches))}, expected ${quote(wantEquals)}`,
          );
    }
    if (wantContains !== undefined) {
      const ok = matches.some((m) =>
        (typeof m === 'string' ? m : JSON.stringify(m)).normalize('NFC').includes(wantContains),
      );
      return ok
        ? binary(true, `${path} contains ${quote(wantContains)}`)
        : binary(false, `${path} does not contain ${quote(wantContains)}`);
    }
    return binary(true, `${path} matches ${matches.length} value${matches.length === 1 ? '' : 's'}`);
  };
};

function jsonError(text: string): string {
  const t = text.trim();
  if (t === '') return 'the output is empty';
  if (!/^[{["\-0-9tfn]/.test(t)) return `it starts with ${JSON.stringify(t.slice(0, 12))}`;
  try {
    JSON.parse(text);
    return 'unknown error';
  } catch (e) {
    return (e as Error).message;
  }
}
