/** Tool calls through the real client against the loopback simulator: whole and streamed answers. */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest, ToolDefinition } from '../../src/contracts/chat.js';
import { createClient } from '../../src/provider/client.js';
import {
  type SimAnswer,
  type SimRequestBody,
  type Simulator,
  startSimulator,
  toolResults,
} from '../utils/simulator.js';

const weather: ToolDefinition = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** A weather agent: asks for both cities at once, then answers from the tool results. */
function agent(body: SimRequestBody): SimAnswer {
  const results = toolResults(body);
  if (results.size > 0) {
    const temps = [...results.values()].map((r) => (JSON.parse(r) as { temp_c: number }).temp_c);
    return { content: `It is ${temps.join(' and ')} degrees.` };
  }
  const last = String(body.messages.at(-1)?.content);
  if (last.includes('broken'))
    return { content: '', tool_calls: [{ name: 'get_weather', arguments: '{"city": Par' }] };
  if (last.includes('both')) {
    return {
      content: '',
      tool_calls: [
        { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'call_b', name: 'get_weather', arguments: { city: 'القاهرة' } },
      ],
    };
  }
  return { content: '', tool_calls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] };
}

let sim: Simulator;
let repeating: Simulator;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sim = await startSimulator({ respond: agent, chunkDelayMs: 0 });
  repeating = await startSimulator({ respond: agent, chunkDelayMs: 0, repeatToolFields: true });
});
afterAll(async () => {
  await sim.close();
  await repeating.close();
  nock.enableNetConnect();
});

const clientFor = (s: Simulator) =>
  createClient({
    baseUrl: s.url,
    apiKey: 'sk-sim-tools',
    timeoutMs: 2000,
    retries: 0,
    concurrency: 2,
    prices: {},
  });
const call = { caseId: 'agent/weather/qwen-max#0', sample: 0, purpose: 'test' as const };
const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'qwen-max',
  messages: [{ role: 'user', content }],
  tools: [weather],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  ...extra,
});

describe.each([
  ['whole JSON', false],
  ['streamed', true],
])('tool calls, %s', (_label, stream) => {
  it('reads one call with its id, name and arguments', async () => {
    const res = await clientFor(sim).complete(ask('Weather in Paris?', { stream }), call);
    expect(res.finish_reason).toBe('tool_calls');
    expect(res.output).toBe('');
    expect(res.tool_calls).toEqual([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(sim.stats.bodies.at(-1)).toMatchObject({
      tools: [weather],
      tool_choice: 'auto',
      parallel_tool_calls: true,
    });
  });

  it('keeps parallel calls in order, assembled by index', async () => {
    const res = await clientFor(sim).complete(ask('Weather in both cities?', { stream }), call);
    expect(res.tool_calls).toEqual([
      { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'call_b', name: 'get_weather', arguments: '{"city":"القاهرة"}' },
    ]);
  });

  it('keeps arguments that are not JSON as the model sent them', async () => {
    const res = await clientFor(sim).complete(ask('broken please', { stream }), call);
    expect(res.tool_calls?.[0]?.arguments).toBe('{"city": Par');
  });

  it('answers from the tool results sent back in the history', async () => {
    const first = await clientFor(sim).complete(ask('Weather in both cities?', { stream }), call);
    const history: ChatMessage[] = [
      { role: 'user', content: 'Weather in both cities?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: (first.tool_calls ?? []).map((t) => ({
          id: t.id,
          type: 'function' as const,
          function: { name: t.name, arguments: t.arguments },
        })),
      },
      { role: 'tool', tool_call_id: 'call_a', content: '{"temp_c":18}' },
      { role: 'tool', tool_call_id: 'call_b', content: '{"temp_c":31}' },
    ];
    const res = await clientFor(sim).complete({ ...ask('', { stream }), messages: history }, call);
    expect(res.tool_calls).toBeUndefined();
    expect(res.finish_reason).toBe('stop');
    expect(res.output).toBe('It is 18 and 31 degrees.');
  });
});

it('assembles deltas that repeat the id, type and whole name on every chunk', async () => {
  const res = await clientFor(repeating).complete(ask('Weather in both cities?', { stream: true }), call);
  expect(res.tool_calls).toEqual([
    { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { id: 'call_b', name: 'get_weather', arguments: '{"city":"القاهرة"}' },
  ]);
});
