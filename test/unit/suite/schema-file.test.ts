/**
 * The published JSON Schemas are generated from the code's tables: a stale committed file fails
 * here (run `npm run gen:schema`). The schemas also accept every shipped suite and the starter.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allTypeNames } from '../../../src/catalog/assertions.js';
import { starterConfig, starterSuite } from '../../../src/cli/commands/init.js';
import { configSchema } from '../../../src/config/table.js';
import { findSuiteFiles } from '../../../src/suite/load.js';
import { buildSuiteSchema } from '../../../src/suite/schema.js';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../schema/${name}`, import.meta.url), 'utf8'));
const repo = new URL('../../../', import.meta.url).pathname;

describe('schema/suite.schema.json', () => {
  const committed = read('suite.schema.json');

  it('equals what buildSuiteSchema() generates (npm run gen:schema)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildSuiteSchema())));
  });

  it('lists every assertion type and not- form of the catalog', () => {
    expect(committed.definitions.assertion.properties.type.enum).toEqual(allTypeNames());
    expect(allTypeNames()).toContain('not-contains');
    expect(allTypeNames()).not.toContain('not-llm-rubric');
  });

  it('names the request parameters of the OpenAPI tables, for editors', () => {
    const params = Object.keys(committed.definitions.params.properties);
    expect(params).toEqual(
      expect.arrayContaining(['temperature', 'top_p', 'seed', 'max_tokens', 'max_completion_tokens']),
    );
  });

  it('accepts every shipped suite and the starter suite', async () => {
    const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(committed);
    const files = await findSuiteFiles(['suites'], repo);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of [...files.map((p) => readFileSync(p, 'utf8')), starterSuite]) {
      const ok = validate(parse(f));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('rejects wrong options per assertion type', () => {
    const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(committed);
    const suite = (a: object) => ({ tests: [{ id: 'a', prompt: 'hi', assert: [a] }] });
    expect(validate(suite({ type: 'regex', value: 'a', flags: 'i' }))).toBe(true);
    expect(validate(suite({ type: 'contains', value: 'a', flags: 'i' }))).toBe(false);
    expect(validate(suite({ type: 'length', unit: 'words' }))).toBe(false);
    expect(validate(suite({ type: 'bleu', value: 'ref', threshold: 0.4 }))).toBe(true);
    expect(validate(suite({ type: 'not-llm-rubric', value: 'x' }))).toBe(false);
  });
});

describe('schema/config.schema.json', () => {
  it('equals configSchema() from the settings table', () => {
    expect(read('config.schema.json')).toEqual(JSON.parse(JSON.stringify(configSchema())));
  });

  it('accepts the starter config and rejects a key in it', () => {
    const validate = new Ajv2020({ strict: false, allowUnionTypes: true }).compile(
      read('config.schema.json'),
    );
    expect(validate(parse(starterConfig))).toBe(true);
    expect(validate({ api_key: 'sk-x' })).toBe(false);
  });
});
