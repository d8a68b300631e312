/**
 * Replay at scale: thousands of entries behind ONE nock interceptor, each answered from the
 * keyed map, and nothing left registered after close. (Timing against a bare nock loop is a
 * benchmark, not a test: this machine's load makes wall-clock assertions flaky.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requestKey } from '../../src/cassette/key.js';
import { writeCassette } from '../../src/cassette/store.js';
import { openCassettes } from '../../src/cassette/transport.js';
import type { CassetteEntry } from '../../src/cassette/types.js';
import type { ChatRequest } from '../../src/contracts/chat.js';
import { createClient } from '../../src/provider/client.js';

const N = 2000;
const base = 'https://api.aimlapi.com/v1';
let dir: string;
const requests: ChatRequest[] = Array.from({ length: N }, (_, i) => ({
  model: 'qwen-max',
  messages: [
    { role: 'system', content: 'Be concise.' },
    { role: 'user', content: `Question ${i}: what is ${i} + ${i}?` },
  ],
  temperature: 0,
}));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-scale-'));
  const entries: Record<string, CassetteEntry> = {};
  requests.forEach((request, i) => {
    const key = requestKey(request, 0);
    entries[key] = {
      key,
      purpose: 'test',
      case_id: `scale/q${i}/qwen-max#0`,
      sample: 0,
      request,
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: {
          model: 'qwen-max',
          choices: [{ index: 0, message: { role: 'assistant', content: `${2 * i}` }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
        },
      },
      recorded_at: new Date().toISOString(),
      model: 'qwen-max',
      duration_ms: 100 + (i % 50),
    };
  });
  await writeCassette(join(dir, '__cassettes__', 'scale.json'), { version: 1, suite: 'scale', entries });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('answers thousands of cases from one interceptor and removes it on close', async () => {
  const session = await openCassettes({
    mode: 'replay',
    suites: [{ name: 'scale', file: join(dir, 'scale.yaml') }],
    baseUrl: base,
  });
  expect(nock.activeMocks()).toHaveLength(1);
  const client = createClient({
    baseUrl: base,
    timeoutMs: 10_000,
    retries: 0,
    concurrency: 8,
    prices: {},
    transport: session,
  });
  let next = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < N) {
        const i = next++;
        const res = await client.complete(requests[i]!, {
          caseId: `scale/q${i}/qwen-max#0`,
          sample: 0,
          purpose: 'test',
          suite: 'scale',
        });
        expect(res.output).toBe(`${2 * i}`);
        latencies[i] = res.latency_ms;
      }
    }),
  );
  expect(nock.activeMocks()).toHaveLength(1);
  expect(session.stats()).toEqual({ hits: N, misses: 0, recorded: 0 });
  // Latency is the recorded duration, not the replay's own time.
  expect(latencies.slice(0, 3)).toEqual([100, 101, 102]);
  await session.close();
  expect(nock.activeMocks()).toHaveLength(0);
}, 120_000);
