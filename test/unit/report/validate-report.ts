/** Compiles schema/report.schema.json once for the tests that validate reports against it. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A validator of report.json; `errors` explains a rejection. */
export function reportValidator() {
  const schema = JSON.parse(
    readFileSync(new URL('../../../schema/report.schema.json', import.meta.url), 'utf8'),
  );
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('date-time', ISO);
  return ajv.compile(schema);
}
