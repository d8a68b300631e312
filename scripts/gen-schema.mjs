#!/usr/bin/env node
/**
 * Writes schema/suite.schema.json and schema/config.schema.json from the built code's tables
 * (`npm run gen:schema` builds first). A unit test fails when the committed files differ.
 */
import { writeFileSync } from 'node:fs';

const { buildSuiteSchema } = await import('../dist/suite/schema.js');
const { configSchema } = await import('../dist/config/table.js');

for (const [name, schema] of [
  ['suite.schema.json', buildSuiteSchema()],
  ['config.schema.json', configSchema()],
]) {
  const url = new URL(`../schema/${name}`, import.meta.url);
  writeFileSync(url, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${name}`);
}
