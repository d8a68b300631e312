/**
 * The schema validators are precompiled (ajv standalone) into committed modules: a stale one
 * fails here (run `npm run gen:schema`).
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { generatedValidators } from '../../../src/build/validator-source.js';
import { allTypeNames } from '../../../src/catalog/assertions.js';
import { validateConfig } from '../../../src/generated/config-validator.js';
import { validateSuite } from '../../../src/generated/suite-validator.js';

const repo = new URL('../../../', import.meta.url);

describe('generated schema validators', () => {
  for (const v of generatedValidators) {
    it(`${v.file} is what the schema generates (npm run gen:schema)`, () => {
      expect(readFileSync(new URL(v.file, repo), 'utf8') === v.source()).toBe(true);
    });
  }

  it('validate and report errors with their parent schema', () => {
    expect(validateSuite({ tests: [{ prompt: 'hi' }] })).toBe(true);
    expect(validateSuite({ tests: [{ prompt: 'hi', asert: [] }] })).toBe(false);
    const e = validateSuite.errors?.find((x) => x.keyword === 'additionalProperties');
    expect(e?.instancePath).toBe('/tests/0');
    expect(Object.keys((e?.parentSchema as { properties?: object })?.properties ?? {})).toContain('assert');
    expect(validateConfig({ api_key: 'x' })).toBe(false);
  });

  it('accepts and refuses the same assertions as the published schema it is a faster form of', () => {
    // The validator chooses an assertion's definition by its `type` (a discriminator); editors
    // get schema/suite.schema.json, which tries each type with if/then. They must agree.
    const published = JSON.parse(readFileSync(new URL('schema/suite.schema.json', repo), 'utf8'));
    const editor = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(published);
    const values = [undefined, 'x', '', 3, 0.5, 2, -1, true, ['a'], ['a', 1], { a: 1 }, null];
    const extras = [{}, { flags: 'i' }, { unit: 'words', min: 1 }, { threshold: 0.5 }, { bogus: 1 }];
    let checked = 0;
    for (const type of [...allTypeNames(), 'not-llm-rubric', 'nope', 5, undefined]) {
      for (const value of values) {
        for (const extra of extras) {
          const a: Record<string, unknown> = { ...extra };
          if (type !== undefined) a.type = type;
          if (value !== undefined) a.value = value;
          const doc = { tests: [{ id: 't', prompt: 'hi', assert: [a] }] };
          expect([JSON.stringify(a), validateSuite(doc)]).toEqual([JSON.stringify(a), editor(doc)]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });
});
