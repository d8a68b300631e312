/**
 * Request parameters checked against the model's own parameter list (the generated tables of
 * `model-params.ts`). Known models: an unknown or out-of-range parameter is an error. Models
 * qeval has no list for: parameters pass through, with a warning for names no table has.
 */
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../contracts/json-schema.js';
import { type ModelParamTable, modelParamTables } from '../generated/model-params.js';
import { suggest } from './suggest.js';

/** A problem with one request parameter for one model. */
export interface ParamIssue {
  /** The parameter, and a path inside its value when the problem is nested. */
  path: Array<string | number>;
  message: string;
  suggestion?: string;
  severity: 'error' | 'warning';
  /** Whether the problem is the parameter's name (unknown) or its value. */
  at: 'key' | 'value';
}

const byModel = new Map<string, ModelParamTable>();
for (const t of modelParamTables) for (const m of t.models) byModel.set(m, t);

/** Every parameter name some table knows. */
export const knownParamNames: ReadonlySet<string> = new Set(
  modelParamTables.flatMap((t) => Object.keys(t.params)),
);

/** Every model id some table knows. */
export const knownModels: ReadonlySet<string> = new Set(byModel.keys());

/**
 * A model id that is a near miss of one qeval knows (`qwen-maxx` → `qwen-max`), else undefined.
 * The gateway serves many models qeval has no table for: those are not near misses.
 */
export function misspeltModel(model: string): string | undefined {
  return knownModels.has(model) ? undefined : suggest(model, knownModels);
}

/** The parameter table of a model id, if qeval has one. */
export function paramTableFor(model: string): ModelParamTable | undefined {
  return byModel.get(model);
}

/** Keys a scalar parameter schema may have for `simpleAccepts` to judge it. */
const simpleKeys = new Set(['type', 'minimum', 'maximum', 'enum', 'description', 'default']);
const scalarTypes = new Set(['number', 'integer', 'boolean', 'string', 'null']);

/**
 * True when `value` plainly satisfies a scalar schema (type, minimum, maximum, enum): the common
 * case of temperature, max_tokens, seed, stream. Anything else — other keywords, a value that
 * fails — goes to Ajv, which compiles on first use (tens of milliseconds of every start-up
 * otherwise) and says exactly what is wrong.
 */
export function simpleAccepts(schema: JsonSchema, value: unknown): boolean {
  for (const k of Object.keys(schema)) if (!simpleKeys.has(k)) return false;
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.length === 0 || !types.every((t) => scalarTypes.has(t as string))) return false;
  const typeOk = types.some((t) =>
    t === 'null'
      ? value === null
      : t === 'integer'
        ? Number.isInteger(value)
        : t === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : typeof value === t,
  );
  if (!typeOk) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) return false;
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
  }
  return true;
}

let ajv: Ajv | undefined;
const validators = new Map<JsonSchema, ValidateFunction>();

/** Compiled once per parameter schema, on first use (most suites set three or four params). */
function validatorFor(schema: JsonSchema): ValidateFunction {
  let v = validators.get(schema);
  if (!v) {
    // Loaded on first use: most runs never need it (see simpleAccepts).
    if (!ajv) {
      const lib = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      ajv = new lib.Ajv({ allErrors: false, strict: false, allowUnionTypes: true });
    }
    const { description: _d, default: _x, ...rest } = schema;
    v = ajv.compile(rest);
    validators.set(schema, v);
  }
  return v;
}

/** "a number from 0 to 2", "an integer ≥ 1", "one of low, medium, high" — what a param allows. */
export function describeParam(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(', ')}`;
  const tag = (schema.properties as Record<string, JsonSchema> | undefined)?.type?.enum;
  if (Array.isArray(tag) && tag.length === 1) return `{ type: ${String(tag[0])} }`;
  const types = ([] as unknown[]).concat(schema.type ?? []).filter((t) => t !== 'null');
  const type = types.length === 1 ? String(types[0]) : null;
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const noun =
    type === 'integer' ? 'an integer' : type === 'number' ? 'a number' : type ? `a ${type}` : 'a value';
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (min !== undefined) return `${noun} ≥ ${min}`;
  if (max !== undefined) return `${noun} ≤ ${max}`;
  if (schema.anyOf || schema.oneOf) {
    const alts = ((schema.anyOf ?? schema.oneOf) as JsonSchema[]).map((s) => describeParam(s));
    return [...new Set(alts)].join(' or ');
  }
  return noun;
}

function shown(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Parameters that mean the same thing under another name on some models. */
const sameMeaning: Record<string, string> = {
  max_completion_tokens: 'max_tokens',
  max_tokens: 'max_completion_tokens',
};

function innerMessage(
  e: { keyword: string; message?: string; params: Record<string, unknown> } | undefined,
): string {
  if (e?.keyword === 'enum')
    return `must be one of ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`;
  if (e?.keyword === 'additionalProperties')
    return `unknown property "${String(e.params.additionalProperty)}"`;
  return e?.message ?? 'is not a valid value';
}

/** Checks `params` for one model. No issues for a param a known model accepts with a valid value. */
export function checkParams(model: string, params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const table = byModel.get(model);
  for (const [name, value] of Object.entries(params)) {
    if (!table) {
      if (!knownParamNames.has(name)) {
        issues.push({
          path: [name],
          message: `unknown request parameter "${name}": qeval has no parameter list for model ${model}, so it is passed through unchecked`,
          ...withSuggestion(suggest(name, knownParamNames)),
          severity: 'warning',
          at: 'key',
        });
      }
      continue;
    }
    const schema = table.params[name];
    if (!schema) {
      const allowed = Object.keys(table.params);
      issues.push({
        path: [name],
        message: knownParamNames.has(name)
          ? `request parameter "${name}" is not accepted by ${model}`
          : `unknown request parameter "${name}" for ${model}; allowed: ${allowed.join(', ')}`,
        ...withSuggestion(
          sameMeaning[name] && allowed.includes(sameMeaning[name])
            ? sameMeaning[name]
            : suggest(name, allowed),
        ),
        severity: 'error',
        at: 'key',
      });
      continue;
    }
    if (simpleAccepts(schema, value)) continue;
    const validate = validatorFor(schema);
    if (!validate(value)) {
      const e = validate.errors?.[0];
      // Inside a union the first branch's complaint misleads: describe the whole union instead.
      const inUnion = /^#\/(anyOf|oneOf)\//.test(e?.schemaPath ?? '');
      const inner = e?.instancePath && !inUnion ? e.instancePath.split('/').slice(1) : [];
      const path = [
        name,
        ...inner.map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~'))),
      ];
      issues.push({
        path,
        message:
          inner.length === 0 &&
          (inUnion || (e?.keyword !== 'additionalProperties' && e?.keyword !== 'required'))
            ? `request parameter ${name}: ${shown(value)} is not allowed for ${model}; expected ${describeParam(schema)}`
            : `request parameter ${path.map(String).join('.')}: ${innerMessage(e)} (for ${model})`,
        severity: 'error',
        at: 'value',
      });
    }
  }
  return issues;
}

function withSuggestion(s: string | undefined): { suggestion?: string } {
  return s === undefined ? {} : { suggestion: s };
}
