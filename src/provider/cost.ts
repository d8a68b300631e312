import type { ModelResponse, Usage } from '../contracts/chat.js';

/** USD per million tokens, per model id. */
export type PriceTable = Record<string, { input: number; output: number }>;

/**
 * The cost of a call: the gateway's own figure when it sends one (`x-aimlapi-usd-spent` header,
 * else `meta.usage.usd_spent` in the body), else the price table × usage, else unknown.
 */
export function costOf(
  header: string | null,
  bodyUsd: number | null,
  usage: Usage | null,
  models: Array<string | null>,
  prices: PriceTable,
): Pick<ModelResponse, 'cost_usd' | 'cost_source'> {
  if (header !== null && header.trim() !== '') {
    const n = Number(header);
    if (Number.isFinite(n) && n >= 0) return { cost_usd: n, cost_source: 'header' };
  }
  if (bodyUsd !== null && Number.isFinite(bodyUsd) && bodyUsd >= 0) {
    return { cost_usd: bodyUsd, cost_source: 'body' };
  }
  if (usage) {
    for (const model of models) {
      const price = model === null ? undefined : priceFor(model, prices);
      if (price) {
        const usd = (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1e6;
        return { cost_usd: usd, cost_source: 'price-table' };
      }
    }
  }
  return { cost_usd: null, cost_source: null };
}

/** A model's price: its exact id, else the id without a vendor prefix (`alibaba/qwen-max`). */
function priceFor(model: string, prices: PriceTable): { input: number; output: number } | undefined {
  if (Object.hasOwn(prices, model)) return prices[model];
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : undefined;
  return bare !== undefined && Object.hasOwn(prices, bare) ? prices[bare] : undefined;
}
