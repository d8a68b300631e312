/** Request parameters against each model's own list (generated from the OpenAPI files). */
import { describe, expect, it } from 'vitest';
import {
  checkParams,
  describeParam,
  knownParamNames,
  paramTableFor,
  simpleAccepts,
} from '../../../src/catalog/params.js';
import { modelParamTables } from '../../../src/generated/model-params.js';

describe('model parameter tables', () => {
  it('know the qwen-max ids and their ranges (FACTS.md)', () => {
    const t = paramTableFor('qwen-max')!;
    expect(paramTableFor('qwen-max-2025-01-25')).toBe(t);
    expect(paramTableFor('alibaba/qwen-max')).toBe(t);
    expect(t.params.temperature).toMatchObject({ minimum: 0, maximum: 2 });
    expect(t.params.top_p).toMatchObject({ minimum: 0.01, maximum: 1 });
    expect(t.params.seed).toMatchObject({ type: 'integer', minimum: 1 });
    expect(t.params).not.toHaveProperty('n');
    expect(t.params).not.toHaveProperty('max_completion_tokens');
    expect(paramTableFor('alibaba/qwen3.7-max')!.params).toHaveProperty('reasoning_effort');
    expect(modelParamTables.length).toBeGreaterThanOrEqual(6);
  });

  it('describes what a parameter allows', () => {
    expect(describeParam({ type: 'number', minimum: 0, maximum: 2 })).toBe('a number from 0 to 2');
    expect(describeParam({ type: 'integer', minimum: 1 })).toBe('an integer ≥ 1');
    expect(describeParam({ enum: ['low', 'high'] })).toBe('one of low, high');
  });
});

describe('checkParams', () => {
  it('accepts valid parameters of a known model', () => {
    expect(
      checkParams('qwen-max', {
        temperature: 0,
        top_p: 0.5,
        seed: 7,
        max_tokens: 100,
        stop: ['\n'],
        response_format: { type: 'json_object' },
      }),
    ).toEqual([]);
  });

  it('accepts tools, tool_choice and parallel_tool_calls for qwen-max, and checks their shape', () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    for (const tool_choice of [
      'auto',
      'none',
      'required',
      { type: 'function', function: { name: 'get_weather' } },
    ]) {
      expect(checkParams('qwen-max', { tools, tool_choice, parallel_tool_calls: false })).toEqual([]);
    }
    expect(checkParams('qwen-max', { tool_choice: 'always' })[0]?.path).toEqual(['tool_choice']);
    const noParams = checkParams('qwen-max', { tools: [{ type: 'function', function: { name: 'x' } }] });
    expect(noParams[0]?.message).toMatch(/parameters/);
  });

  it('rejects out-of-range values, names the range', () => {
    expect(checkParams('qwen-max', { temperature: 2.5, seed: 0 })).toEqual([
      {
        path: ['temperature'],
        message:
          'request parameter temperature: 2.5 is not allowed for qwen-max; expected a number from 0 to 2',
        severity: 'error',
        at: 'value',
      },
      {
        path: ['seed'],
        message: 'request parameter seed: 0 is not allowed for qwen-max; expected an integer ≥ 1',
        severity: 'error',
        at: 'value',
      },
    ]);
  });

  it('rejects unknown names with a suggestion, and names another model takes', () => {
    const [typo, other] = checkParams('qwen-max', { temprature: 1, max_completion_tokens: 10 });
    expect(typo).toMatchObject({ at: 'key', severity: 'error', suggestion: 'temperature' });
    expect(typo!.message).toContain(
      'unknown request parameter "temprature" for qwen-max; allowed: max_tokens',
    );
    expect(other).toMatchObject({
      message: 'request parameter "max_completion_tokens" is not accepted by qwen-max',
      suggestion: 'max_tokens',
    });
    expect(
      checkParams('alibaba/qwen3.7-max', { max_completion_tokens: 10, reasoning_effort: 'low' }),
    ).toEqual([]);
  });

  it('describes a bad union value as the whole union', () => {
    const [issue] = checkParams('qwen-max', { response_format: { type: 'yaml' } });
    expect(issue!.message).toBe(
      'request parameter response_format: {"type":"yaml"} is not allowed for qwen-max; expected { type: text } or { type: json_object } or { type: json_schema }',
    );
  });

  it('passes unknown models through, warning only for names no table has', () => {
    expect(checkParams('acme/model', { temperature: 9, top_k: 3 })).toEqual([
      {
        path: ['top_k'],
        message:
          'unknown request parameter "top_k": qeval has no parameter list for model acme/model, so it is passed through unchecked',
        severity: 'warning',
        at: 'key',
        suggestion: 'top_p',
      },
    ]);
    expect(knownParamNames.has('repetition_penalty')).toBe(true);
  });
});

describe('the scalar fast check', () => {
  it('never accepts what Ajv refuses, on every parameter of every table', async () => {
    const { Ajv } = await import('ajv');
    const ajv = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true });
    const values: unknown[] = [
      0,
      1,
      -1,
      0.5,
      2,
      2.5,
      7,
      1e9,
      -0.01,
      0.01,
      100,
      128000,
      true,
      false,
      null,
      'x',
      'auto',
      'low',
      'high',
      '',
      [],
      {},
      [1],
      { type: 'json_object' },
    ];
    let accepted = 0;
    let judged = 0;
    for (const table of modelParamTables) {
      for (const schema of Object.values(table.params)) {
        const { description: _d, default: _x, ...rest } = schema;
        const validate = ajv.compile(rest);
        for (const v of values) {
          if (simpleAccepts(schema, v)) {
            accepted++;
            expect(validate(v), `${JSON.stringify(rest)} ${JSON.stringify(v)}`).toBe(true);
          } else if (validate(v)) judged++;
        }
      }
    }
    // It takes the common case; the rest (objects, unions) falls to Ajv.
    expect(accepted).toBeGreaterThan(100);
    expect(judged).toBeGreaterThan(0);
  });
});
