/**
 * The schema validators are precompiled (ajv standalone) into committed modules: a stale one
 * fails here (run `npm run gen:schema`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/suite/config-validator.generated.js';
import { validateSuite } from '../../../src/suite/suite-validator.generated.js';
import { generatedValidators } from '../../../src/suite/validator-source.js';

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
});
