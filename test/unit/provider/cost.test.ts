import { describe, expect, it } from 'vitest';
import { costOf } from '../../../src/provider/cost.js';

const usage = { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 };
const prices = { 'qwen-max': { input: 1.6, output: 6.4 } };

describe('costOf', () => {
  it('prefers the gateway header, then the body, then the price table', () => {
    expect(costOf('0.0042', 0.1, usage, ['qwen-max'], prices)).toEqual({
      cost_usd: 0.0042,
      cost_source: 'header',
    });
    expect(costOf(null, 0.0031, usage, ['qwen-max'], prices)).toEqual({
      cost_usd: 0.0031,
      cost_source: 'body',
    });
    const table = costOf(null, null, usage, ['qwen-max'], prices);
    expect(table.cost_source).toBe('price-table');
    expect(table.cost_usd).toBeCloseTo((1000 * 1.6 + 500 * 6.4) / 1e6, 12);
  });
  it('finds a price under the id without its vendor prefix, or the answered model', () => {
    expect(costOf(null, null, usage, ['alibaba/qwen-max'], prices).cost_source).toBe('price-table');
    expect(costOf(null, null, usage, ['unknown', 'qwen-max'], prices).cost_source).toBe('price-table');
  });
  it('is unknown without a figure, usage or price', () => {
    expect(costOf('abc', null, usage, ['other'], prices)).toEqual({ cost_usd: null, cost_source: null });
    expect(costOf(null, null, null, ['qwen-max'], prices)).toEqual({ cost_usd: null, cost_source: null });
  });
});
