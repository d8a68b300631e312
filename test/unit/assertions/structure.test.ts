import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { extractFirstJson } from '../../../src/assertions/json-extract.js';
import { context, spec } from './helpers.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/assertions');

async function check(type: string, options: Record<string, unknown>, output: string) {
  return compileAssertion(spec(type, options))(output, context({ baseDir: fixtures }));
}

describe('extractFirstJson', () => {
  it('finds JSON in a fence, with prose around, or inline after false starts', () => {
    expect(extractFirstJson('Here you go:\n```json\n{"a": [1, 2]}\n```\nAnything else?')).toEqual({
      found: true,
      value: { a: [1, 2] },
      where: 'fence',
    });
    expect(extractFirstJson('Use {name} as a placeholder. Result: {"ok": true, "s": "}{"} done')).toEqual({
      found: true,
      value: { ok: true, s: '}{' },
      where: 'inline',
    });
    expect(extractFirstJson('```\n"just a string"\n```')).toMatchObject({
      found: true,
      value: 'just a string',
    });
    expect(extractFirstJson('the answer is 3')).toEqual({ found: false });
    expect(extractFirstJson('[1, 2')).toEqual({ found: false });
  });
});

describe('structure assertions', () => {
  it('is-json explains when JSON is only inside the text', async () => {
    const r = await check('is-json', {}, '```json\n{"a":1}\n```');
    expect(r.pass).toBe(false);
    expect(r.reason).toContain('use contains-json');
    expect((await check('is-json', {}, ' [1,2,3]\n')).pass).toBe(true);
  });

  it('json-schema validates inline and file:// schemas and lists ajv errors', async () => {
    const bad = await check(
      'json-schema',
      { value: 'file://person.schema.json' },
      'Sure! {"name": "Ann", "age": "x"}',
    );
    expect(bad.pass).toBe(false);
    expect(bad.reason).toContain('/age must be integer');
    expect(
      (await check('json-schema', { value: 'file://person.schema.json' }, '{"name":"李雷","age":30}')).pass,
    ).toBe(true);
    expect((await check('json-schema', { value: { type: 'array' } }, 'no json')).reason).toBe(
      'output contains no JSON to validate',
    );
  });

  it('json-schema supports draft 2020-12 and common formats', async () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        tags: { type: 'array', prefixItems: [{ type: 'string' }] },
      },
    };
    expect((await check('json-schema', { value: schema }, '{"email":"a@b.co","tags":["x"]}')).pass).toBe(
      true,
    );
    expect((await check('json-schema', { value: schema }, '{"email":"nope","tags":["x"]}')).reason).toContain(
      'must match format "email"',
    );
    expect((await check('json-schema', { value: schema }, '{"email":"a@b.co","tags":[1]}')).pass).toBe(false);
  });

  it('json-schema: a missing schema file is an evaluation error, not a failure', async () => {
    await expect(check('json-schema', { value: 'file://missing.json' }, '{}')).rejects.toThrow(
      /cannot read file:\/\/missing.json/,
    );
  });

  it('json-path checks existence, equality and containment', async () => {
    const out = '```json\n{"order": {"items": [{"sku": "A1", "qty": 2}], "note": "Livraison rapide"}}\n```';
    expect((await check('json-path', { path: '$.order.items[*].sku' }, out)).reason).toBe(
      '$.order.items[*].sku matches 1 value',
    );
    expect(
      (await check('json-path', { path: '$.order.items[0]', equals: { qty: 2, sku: 'A1' } }, out)).pass,
    ).toBe(true);
    expect((await check('json-path', { path: '$.order.note', contains: 'rapide' }, out)).pass).toBe(true);
    const miss = await check('json-path', { path: '$.order.total' }, out);
    expect(miss.pass).toBe(false);
    expect(miss.reason).toBe('$.order.total matches nothing in the JSON');
  });
});
