#!/usr/bin/env node
/**
 * Writes schema/suite.schema.json and schema/config.schema.json from the built code's tables,
 * and the precompiled validators of both schemas (src/generated/*-validator.ts, ajv
 * standalone code), and the report's precompiled Handlebars templates
 * (src/generated/report-templates.ts). `npm run gen:schema` builds before and after. Unit tests fail when a
 * committed file differs.
 */
import { writeFileSync } from 'node:fs';

const { buildSuiteSchema } = await import('../dist/suite/schema.js');
const { configSchema } = await import('../dist/config/table.js');
const { generatedValidators } = await import('../dist/build/validator-source.js');
const { generatedTemplatesFile, templatesModuleSource } = await import('../dist/build/template-source.js');

for (const [name, schema] of [
  ['suite.schema.json', buildSuiteSchema()],
  ['config.schema.json', configSchema()],
]) {
  const url = new URL(`../schema/${name}`, import.meta.url);
  writeFileSync(url, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${name}`);
}

for (const v of generatedValidators) {
  writeFileSync(new URL(`../${v.file}`, import.meta.url), v.source());
  console.log(`wrote ${v.file}`);
}

writeFileSync(new URL(`../${generatedTemplatesFile}`, import.meta.url), templatesModuleSource());
console.log(`wrote ${generatedTemplatesFile}`);
