import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/compare/compare.js';
import { makeCase, makeReport } from './make-case.js';
import { scenario } from './scenario.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/compare.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('schema/compare.schema.json', () => {
  it('accepts a comparison with every list filled', () => {
    const { a, b } = scenario();
    const c = JSON.parse(JSON.stringify(compareReports(makeReport(a), makeReport(b), { maxDropPp: 2 })));
    expect(validate(c) ? [] : validate.errors).toEqual([]);
  });

  it('accepts a comparison with repeat (pass@k, flaky)', () => {
    const ra = [0, 1].map((s) => makeCase({ test_id: 'r', sample: s, status: 'pass' }));
    const rb = [0, 1].map((s) => makeCase({ test_id: 'r', sample: s, status: s === 0 ? 'fail' : 'pass' }));
    const c = JSON.parse(JSON.stringify(compareReports(makeReport(ra), makeReport(rb))));
    expect(c.pass_at_k).not.toBeNull();
    expect(validate(c) ? [] : validate.errors).toEqual([]);
  });

  it('rejects a comparison of another version or with a missing verdict', () => {
    const { a, b } = scenario();
    const c = JSON.parse(JSON.stringify(compareReports(makeReport(a), makeReport(b))));
    expect(validate({ ...c, version: 2 })).toBe(false);
    const { verdict: _, ...noVerdict } = c;
    expect(validate(noVerdict)).toBe(false);
  });
});
