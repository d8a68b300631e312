/** Client paths that are easiest to pin down with nock: scrubbing, jitter, error codes. */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientOptions, createClient } from '../../../src/provider/client.js';
import { ProviderError } from '../../../src/provider/errors.js';
import type { Transport, TransportRequest } from '../../../src/provider/transport.js';
import type { ClientEvent } from '../../../src/provider/types.js';

const base = 'https://gateway.test/v1';
const key = 'sk-unit-abcdef0123456789';
const req = { model: 'qwen-max', messages: [{ role: 'user' as const, content: 'Hi' }] };
const call = { caseId: 's/t/qwen-max#0', sample: 0, purpose: 'test' as const, suite: 's' };
const ok = {
  model: 'qwen-max',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const client = (extra: Partial<ClientOptions> = {}) =>
  createClient({
    baseUrl: base,
    apiKey: key,
    timeoutMs: 1000,
    retries: 2,
    concurrency: 2,
    prices: {},
    backoff: { baseMs: 1, capMs: 2 },
    ...extra,
  });

/** A socket error as Node raises it (nock emits an Error object on node:http requests; not a plain object). */
function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  return err;
}

describe('client (nock)', () => {
  it('sends the gateway no internal header; a transport handed in gets the call context beside the request', async () => {
    let seen: Record<string, unknown> = {};
    nock('https://gateway.test')
      .post('/v1/chat/completions')
      .reply(function () {
        seen = { ...this.req.headers };
        return [200, ok];
      });
    await client().complete(req, call);
    expect(Object.keys(seen).filter((k) => k.startsWith('x-qeval-'))).toEqual([]);
    expect(seen['x-client-request-id']).toBe('s:t:qwen-max.0');

    let handed: TransportRequest | undefined;
    const transport: Transport = {
      async send(request) {
        handed = request;
        const response = new Response(JSON.stringify(ok), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
        return { type: 'response', response, replayed: false };
      },
      async close() {},
    };
    await client({ transport }).complete(req, call);
    expect(handed?.context).toEqual({ caseId: 's/t/qwen-max#0', sample: 0, purpose: 'test', suite: 's' });
    expect(handed?.request).toEqual(req);
    expect(Object.keys(handed?.headers ?? {}).filter((k) => k.startsWith('x-qeval-'))).toEqual([]);
  });

  it('scrubs the key from an error body that echoes it', async () => {
    nock('https://gateway.test')
      .post('/v1/chat/completions')
      .reply(400, { message: `bad header Bearer ${key}`, statusCode: 400 });
    const err = await rejection(client().complete(req, call));
    expect(err.message).not.toContain(key);
    expect(err.message).toContain('[REDACTED]');
    expect(err.snippet).not.toContain(key);
  });

  it('retries 408 and 409, drawing each delay from the jitter source', async () => {
    nock('https://gateway.test')
      .post('/v1/chat/completions')
      .reply(408, {})
      .post('/v1/chat/completions')
      .reply(409, {})
      .post('/v1/chat/completions')
      .reply(200, ok);
    const events: ClientEvent[] = [];
    const draws: number[] = [];
    const res = await client({
      onEvent: (e) => events.push(e),
      random: () => {
        draws.push(1);
        return 0.5;
      },
      backoff: { baseMs: 10, capMs: 1000 },
    }).complete(req, call);
    expect(res.output).toBe('Hello');
    expect(draws).toHaveLength(2);
    expect(events.map((e) => (e.type === 'retry' ? [e.status, e.delay_ms] : null))).toEqual([
      [408, 5],
      [409, 10],
    ]);
  });

  it('retries a reset and gives up on a host that does not resolve', async () => {
    nock('https://gateway.test')
      .post('/v1/chat/completions')
      .replyWithError(socketError('ECONNRESET', 'socket hang up'))
      .post('/v1/chat/completions')
      .reply(200, ok);
    await expect(client().complete(req, call)).resolves.toMatchObject({ output: 'Hello' });
    const scope = nock('https://gateway.test')
      .post('/v1/chat/completions')
      .times(3)
      .replyWithError(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND'));
    const err = await rejection(client().complete(req, call));
    expect(err.kind).toBe('network');
    expect(scope.pendingMocks()).toHaveLength(1); // 1 of 3 used: no retry
  });

  it('reports a disabled network as a network error without retrying', async () => {
    const err = await rejection(client({ baseUrl: 'https://elsewhere.test/v1' }).complete(req, call));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/disabled/);
  });

  it('reads an HTML page answered with 200 as malformed', async () => {
    nock('https://gateway.test')
      .post('/v1/chat/completions')
      .reply(200, '<html><body>Maintenance</body></html>', { 'content-type': 'text/html' });
    const err = await rejection(client().complete(req, call));
    expect(err.kind).toBe('malformed');
    expect(err.snippet).toBe('Maintenance');
  });

  it('rejects at once when the signal is already aborted, sending nothing', async () => {
    const scope = nock('https://gateway.test').post('/v1/chat/completions').reply(200, ok);
    const ac = new AbortController();
    ac.abort();
    const err = await rejection(client().complete(req, { ...call, signal: ac.signal }));
    expect(err.kind).toBe('aborted');
    expect(scope.isDone()).toBe(false);
  });

  it('joins text parts and keeps tool calls', async () => {
    const body = {
      ...ok,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: [
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b' },
            ],
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
              { type: 'function', function: { name: 'get_time', arguments: { tz: 'CET' } } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    };
    nock('https://gateway.test').post('/v1/chat/completions').reply(200, body);
    const res = await client().complete(req, call);
    expect(res.output).toBe('ab');
    expect(res.tool_calls).toEqual([
      { id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { id: 'call_1', name: 'get_time', arguments: '{"tz":"CET"}' },
    ]);
    expect(res.finish_reason).toBe('tool_calls');
  });
});
