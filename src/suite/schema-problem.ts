/** Whether a JSON Schema written in a suite is one (json-schema assertions, tool parameters). */
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';

let metaValidators: { draft7: Ajv; draft2020: Ajv } | undefined;

/**
 * What is wrong with a JSON Schema by its meta-schema (draft 2020-12 when it says so, else
 * draft-07, as the assertion compiles it), or undefined. ajv loads only for suites that have an
 * inline schema.
 */
export function schemaProblem(schema: Record<string, unknown>): string | undefined {
  if (!metaValidators) {
    const require = createRequire(import.meta.url);
    const { Ajv } = require('ajv') as typeof import('ajv');
    const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    metaValidators = {
      draft7: new Ajv({ strict: false }),
      draft2020: new Ajv2020({ strict: false }) as unknown as Ajv,
    };
  }
  const uses2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
  const ajv = uses2020 ? metaValidators.draft2020 : metaValidators.draft7;
  const { $schema: _, ...rest } = schema;
  if (ajv.validateSchema(rest) as boolean) return undefined;
  return ajv.errorsText(ajv.errors, { dataVar: 'schema' });
}
