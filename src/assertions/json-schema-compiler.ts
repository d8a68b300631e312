import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { canonical } from './text.js';
import { AssertionOptionsError } from './types.js';

// ajv is loaded when a schema is first compiled, not by every run that has assertions.
const require = createRequire(import.meta.url);

/**
 * One ajv instance per draft, and a cache of compiled validators keyed by the schema's canonical
 * JSON: a schema is compiled once per run however many cases use it.
 */

// ajv-formats is not a dependency; these cover the formats model output is usually checked for.
const formats: Record<string, RegExp> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  time: /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/i,
  'date-time':
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  ipv4: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
};

const options = { allErrors: true, strict: false, logger: false as const, formats };
let draft7: Ajv | undefined;
let draft2020: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function ajv7(): Ajv {
  if (!draft7) {
    const lib = require('ajv') as typeof import('ajv');
    draft7 = new lib.Ajv(options);
  }
  return draft7;
}

function ajv2020(): Ajv2020 {
  if (!draft2020) {
    const lib = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    draft2020 = new lib.Ajv2020(options);
  }
  return draft2020;
}

/** Compiles (or returns the cached validator for) a JSON Schema. Throws with ajv's message. */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(canonical(schema));
  let v = compiled.get(key);
  if (v) return v;
  const uses2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
  const ajv = uses2020 ? ajv2020() : ajv7();
  try {
    v = ajv.compile(schema);
  } catch (e) {
    throw new AssertionOptionsError(`json-schema: the schema does not compile: ${(e as Error).message}`);
  }
  compiled.set(key, v);
  return v;
}

/** ajv's errors as one line: `/items/0/price must be number; / must have required property 'id'`. */
export function describeSchemaErrors(v: ValidateFunction, max = 3): string {
  const errors = v.errors ?? [];
  const shown = errors.slice(0, max).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  const more = errors.length > max ? ` (+${errors.length - max} more)` : '';
  return shown.join('; ') + more;
}
