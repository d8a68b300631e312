/** The real client against the loopback simulator: every fault path, streaming and limits. */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/contracts/chat.js';
import { AuthError } from '../../src/errors.js';
import { type ClientOptions, createClient } from '../../src/provider/client.js';
import { ProviderError } from '../../src/provider/errors.js';
import type { CallOptions, ClientEvent } from '../../src/provider/types.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

const key = 'sk-sim-0123456789abcdef';
let sim: Simulator;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
  nock.enableNetConnect();
});
afterEach(() => sim.setFault(null));

function client(extra: Partial<ClientOptions> = {}, events: ClientEvent[] = []) {
  return createClient({
    baseUrl: sim.url,
    apiKey: key,
    timeoutMs: 2000,
    retries: 3,
    concurrency: 4,
    prices: { 'qwen-max': { input: 1.6, output: 6.4 } },
    backoff: { baseMs: 5, capMs: 20 },
    onEvent: (e) => events.push(e),
    ...extra,
  });
}

const req = (content = 'Hello', extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'qwen-max',
  messages: [{ role: 'user', content }],
  ...extra,
});
const call = (caseId = 'greetings/hello/qwen-max#0', extra: Partial<CallOptions> = {}): CallOptions => ({
  caseId,
  sample: 0,
  purpose: 'test',
  suite: 'greetings',
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<ProviderError | AuthError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProviderError || err instanceof AuthError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('client against the simulator', () => {
  it('answers, sends the request id and key, and keeps inference id and cost', async () => {
    const before = sim.stats.requests;
    const res = await client().complete(req('Hi there'), call('greetings/hi/zh/qwen-max#2'));
    expect(res.output).toBe('Echo: Hi there');
    expect(res.source).toBe('live');
    expect(res.finish_reason).toBe('stop');
    expect(res.model).toBe('qwen-max');
    expect(res.inference_id).toMatch(/^inf-/);
    expect(res.cost_source).toBe('header');
    expect(res.cost_usd).toBeGreaterThan(0);
    expect(res.usage?.total_tokens).toBe(
      (res.usage?.prompt_tokens ?? 0) + (res.usage?.completion_tokens ?? 0),
    );
    expect(sim.stats.requests).toBe(before + 1);
    const h = sim.stats.headers.at(-1)!;
    expect(h['x-client-request-id']).toBe('greetings:hi:zh:qwen-max.2');
    expect(h.authorization).toBe(`Bearer ${key}`);
    // Internal routing headers never reach the network.
    expect(Object.keys(h).filter((k) => k.startsWith('x-qeval-'))).toEqual([]);
  });

  it('retries 429 with backoff and succeeds, emitting retry events', async () => {
    const events: ClientEvent[] = [];
    sim.setFault({ kind: '429', times: 2 });
    const before = sim.stats.requests;
    const res = await client({}, events).complete(req(), call());
    expect(res.output).toBe('Echo: Hello');
    expect(sim.stats.requests - before).toBe(3);
    expect(events.map((e) => e.type === 'retry' && e.status)).toEqual([429, 429]);
    for (const e of events) if (e.type === 'retry') expect(e.delay_ms).toBeLessThanOrEqual(20);
  });

  it('honours Retry-After in seconds', async () => {
    const events: ClientEvent[] = [];
    sim.setFault({ kind: '429-retry-after', times: 1, retryAfter: 1 });
    const t0 = performance.now();
    await client({}, events).complete(req(), call());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(events).toEqual([expect.objectContaining({ type: 'retry', delay_ms: 1000, status: 429 })]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const events: ClientEvent[] = [];
    sim.setFault({
      kind: '429-retry-after',
      times: 1,
      retryAfter: new Date(Date.now() + 2000).toUTCString(),
    });
    await client({}, events).complete(req(), call());
    const e = events[0] as Extract<ClientEvent, { type: 'retry' }>;
    // An HTTP date has one-second resolution.
    expect(e.delay_ms).toBeGreaterThan(500);
    expect(e.delay_ms).toBeLessThanOrEqual(2000);
  });

  it('gives up a Retry-After longer than it waits for, without sleeping', async () => {
    sim.setFault({ kind: '429-retry-after', retryAfter: 3600 });
    const t0 = performance.now();
    const err = await failure(client().complete(req(), call()));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toMatch(/retry after 3600 s/);
  });

  for (const kind of ['500', '503', '504'] as const) {
    it(`retries ${kind} until the retries run out`, async () => {
      sim.setFault({ kind });
      const before = sim.stats.requests;
      const err = await failure(client({ retries: 2 }).complete(req(), call()));
      expect(sim.stats.requests - before).toBe(3);
      expect((err as ProviderError).kind).toBe('http');
      expect((err as ProviderError).status).toBe(Number(kind));
      expect(err.message).toMatch(/after 3 attempts/);
    });
  }

  it('turns an HTML 502 page into an error with a short text snippet', async () => {
    sim.setFault({ kind: '502-html' });
    const err = (await failure(client({ retries: 1 }).complete(req(), call()))) as ProviderError;
    expect(err.kind).toBe('http');
    expect(err.status).toBe(502);
    expect(err.snippet).toContain('502 Bad Gateway');
    expect(err.snippet).not.toContain('<');
    expect(err.message).toContain('HTML page');
  });

  it('reads the OpenAI error style', async () => {
    sim.setFault({ kind: 'openai-error' });
    const err = await failure(client({ retries: 0 }).complete(req(), call()));
    expect(err.message).toContain('The server had an error processing your request');
  });

  it('reads the gateway error style', async () => {
    sim.setFault({ kind: '400' });
    const err = await failure(client({ retries: 0 }).complete(req(), call()));
    expect(err.message).toContain('Body validation error!');
  });

  for (const kind of ['400', '422'] as const) {
    it(`does not retry ${kind}`, async () => {
      sim.setFault({ kind });
      const before = sim.stats.requests;
      const err = (await failure(client().complete(req(), call()))) as ProviderError;
      expect(sim.stats.requests - before).toBe(1);
      expect(err.status).toBe(Number(kind));
    });
  }

  it('ends a retired model with a message naming -m, and sends no more requests for it', async () => {
    sim.setFault({ kind: '404-model', match: (b) => b.model === 'qwen-max-2025-01-25' });
    const c = client();
    const before = sim.stats.requests;
    const err = (await failure(
      c.complete(req('a', { model: 'qwen-max-2025-01-25' }), call()),
    )) as ProviderError;
    expect(err.kind).toBe('retired-model');
    expect(err.message).toContain('-m');
    expect(err.message).toContain('qwen-max-2025-01-25');
    const again = (await failure(
      c.complete(req('b', { model: 'qwen-max-2025-01-25' }), call()),
    )) as ProviderError;
    expect(again.kind).toBe('retired-model');
    expect(sim.stats.requests - before).toBe(1);
    // Other models still run.
    await expect(c.complete(req('c'), call())).resolves.toMatchObject({ output: 'Echo: c' });
  });

  for (const status of [401, 403] as const) {
    it(`stops everything on ${status} with an AuthError that does not contain the key`, async () => {
      sim.setFault({ kind: String(status) as '401' | '403' });
      const c = client();
      const before = sim.stats.requests;
      const err = await failure(c.complete(req(), call()));
      expect(err).toBeInstanceOf(AuthError);
      expect((err as AuthError).status).toBe(status);
      expect(err.message).not.toContain(key);
      sim.setFault(null);
      await expect(c.complete(req(), call())).rejects.toBeInstanceOf(AuthError);
      expect(sim.stats.requests - before).toBe(1);
    });
  }

  it('turns broken JSON into a malformed error with a snippet', async () => {
    sim.setFault({ kind: 'broken-json' });
    const err = (await failure(client().complete(req(), call()))) as ProviderError;
    expect(err.kind).toBe('malformed');
    expect(err.snippet).toContain('chatcmpl-broken');
  });

  it('turns a body without choices into a malformed error', async () => {
    sim.setFault({ kind: 'no-choices' });
    const err = (await failure(client().complete(req(), call()))) as ProviderError;
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('no choices');
  });

  for (const kind of ['huge-body', 'endless-sse', 'endless-line'] as const) {
    it(`reads no further than its limits when the server sends ${kind}, and does not retry`, async () => {
      sim.setFault({ kind, hostileCapBytes: 64 * 1024 * 1024 });
      const before = sim.stats.requests;
      const events: ClientEvent[] = [];
      const stream = kind !== 'huge-body';
      const err = (await failure(
        client({ maxResponseBytes: 4 * 1024 * 1024, timeoutMs: 20_000 }, events).complete(
          req('Hello', stream ? { stream: true } : {}),
          call(),
        ),
      )) as ProviderError;
      expect(err.kind).toBe('too-large');
      expect(err.message).toMatch(
        kind === 'endless-line'
          ? /streamed event is larger than 1 MB/
          : /larger than max_response_bytes \(4 MB\)/,
      );
      expect(events).toHaveLength(0);
      expect(sim.stats.requests).toBe(before + 1);
    });
  }

  it('refuses a body whose declared length is over the limit without reading it', async () => {
    const big = 'z'.repeat(2 * 1024 * 1024);
    const err = (await failure(
      client({ maxResponseBytes: 1024 * 1024 }).complete(req(big), call()),
    )) as ProviderError;
    expect(err.kind).toBe('too-large');
  });

  it('reports a redirect instead of following it, and does not retry it', async () => {
    sim.setFault({ kind: 'redirect' });
    const before = sim.stats.requests;
    const events: ClientEvent[] = [];
    const err = (await failure(client({}, events).complete(req(), call()))) as ProviderError;
    expect(err.kind).toBe('network');
    expect(err.message).toContain('redirect');
    expect(err.message).toContain('--base-url');
    expect(events).toHaveLength(0);
    expect(sim.stats.requests).toBe(before + 1);
  });

  it('retries a connection reset', async () => {
    sim.setFault({ kind: 'reset', times: 1 });
    const events: ClientEvent[] = [];
    const res = await client({}, events).complete(req(), call());
    expect(res.output).toBe('Echo: Hello');
    expect(events).toHaveLength(1);
    sim.setFault({ kind: 'reset' });
    const err = (await failure(client({ retries: 1 }).complete(req(), call()))) as ProviderError;
    expect(err.kind).toBe('network');
  });

  it('times out a hanging request and retries it', async () => {
    sim.setFault({ kind: 'hang' });
    const before = sim.stats.requests;
    const t0 = performance.now();
    const err = (await failure(
      client({ timeoutMs: 150, retries: 1 }).complete(req(), call()),
    )) as ProviderError;
    expect(err.kind).toBe('timeout');
    expect(sim.stats.requests - before).toBe(2);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('rejects promptly when the caller aborts', async () => {
    sim.setFault({ kind: 'hang' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = performance.now();
    const err = (await failure(
      client({ timeoutMs: 10_000 }).complete(req(), call('x#0', { signal: ac.signal })),
    )) as ProviderError;
    expect(err.kind).toBe('aborted');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('parses a streamed answer with time to first token and the final usage chunk', async () => {
    const slow = await startSimulator({ chunkDelayMs: 15 });
    try {
      const c = createClient({
        baseUrl: slow.url,
        apiKey: key,
        timeoutMs: 5000,
        retries: 0,
        concurrency: 2,
        prices: {},
      });
      const res = await c.complete(req('A fairly long prompt to stream back', { stream: true }), call());
      expect(res.output).toBe('Echo: A fairly long prompt to stream back');
      expect(res.finish_reason).toBe('stop');
      expect(res.usage?.completion_tokens).toBeGreaterThan(0);
      expect(res.cost_source).toBe('body');
      expect(res.ttft_ms).not.toBeNull();
      expect(res.ttft_ms!).toBeLessThan(res.latency_ms);
      expect(res.latency_ms).toBeGreaterThanOrEqual(15 * 4);
    } finally {
      await slow.close();
    }
  });

  it('never has more requests in flight than the concurrency cap', async () => {
    const busy = await startSimulator({ latencyMs: 15 });
    try {
      const c = createClient({ baseUrl: busy.url, timeoutMs: 5000, retries: 0, concurrency: 3, prices: {} });
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          c.complete(req(`n${i}`), call(`s/t${i}/qwen-max#0`, { purpose: i % 3 === 0 ? 'grader' : 'test' })),
        ),
      );
      expect(results).toHaveLength(30);
      expect(busy.stats.maxInFlight).toBeLessThanOrEqual(3);
      expect(busy.stats.maxInFlight).toBe(3);
    } finally {
      await busy.close();
    }
  });
});
