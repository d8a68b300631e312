import { optionalNumber, requireString } from './options.js';
import { binary } from './outcome.js';
import type { AssertionFactory } from './types.js';
import { AssertionEvaluationError, AssertionOptionsError } from './types.js';

/**
 * The operational family: checks on the call, not the text. A measurement the response does not
 * carry (no usage, no cost, not streamed) is an evaluation error: the case cannot be judged, and
 * failing it would blame the model for a missing recording or a set-up mistake.
 */

function required(a: Parameters<AssertionFactory>[0], key: string): number {
  const v = optionalNumber(a, key);
  if (v === undefined) throw new AssertionOptionsError(`${a.type}: \`${key}\` is required`);
  return v;
}

export const latency: AssertionFactory = (options) => {
  const max = required(options, 'max_ms');
  return (_output, ctx) => {
    const ms = ctx.response.latency_ms;
    if (typeof ms !== 'number' || Number.isNaN(ms))
      throw new AssertionEvaluationError('latency: the response has no latency');
    const replay = ctx.response.source === 'cassette' ? ' (recorded)' : '';
    return binary(ms <= max, `latency ${Math.round(ms)} ms${replay} ${ms <= max ? '≤' : '>'} max ${max} ms`);
  };
};

export const ttft: AssertionFactory = (options) => {
  const max = required(options, 'max_ms');
  return (_output, ctx) => {
    const ms = ctx.response.ttft_ms;
    if (ms === null || ms === undefined) {
      throw new AssertionEvaluationError(
        'ttft: the response has no time to first token; it is measured on streamed calls only (set params.stream: true)',
      );
    }
    return binary(
      ms <= max,
      `time to first token ${Math.round(ms)} ms ${ms <= max ? '≤' : '>'} max ${max} ms`,
    );
  };
};

export const cost: AssertionFactory = (options) => {
  const max = required(options, 'max_usd');
  return (_output, ctx) => {
    const usd = ctx.response.cost_usd;
    if (usd === null || usd === undefined) {
      throw new AssertionEvaluationError(
        `cost: the cost of the call is unknown (the gateway sent none and the price table has no entry for ${ctx.response.model ?? ctx.case.model}; add it under prices:)`,
      );
    }
    const source = ctx.response.cost_source ? ` (${ctx.response.cost_source})` : '';
    return binary(usd <= max, `cost $${usd.toFixed(6)}${source} ${usd <= max ? '≤' : '>'} max $${max}`);
  };
};

export const tokens: AssertionFactory = (options) => {
  const max = required(options, 'max');
  return (_output, ctx) => {
    const usage = ctx.response.usage;
    if (!usage) throw new AssertionEvaluationError('tokens: the response reports no token usage');
    const n = usage.total_tokens;
    return binary(
      n <= max,
      `${n} tokens (${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion) ${n <= max ? '≤' : '>'} max ${max}`,
    );
  };
};

export const finishReason: AssertionFactory = (options) => {
  const want = requireString(options);
  return (_output, ctx) => {
    const got = ctx.response.finish_reason;
    if (got === null) return binary(false, `expected finish reason ${want} but the response gave none`);
    return binary(
      got === want,
      got === want ? `finish reason is ${got}` : `expected finish reason ${want} but got ${got}`,
    );
  };
};
