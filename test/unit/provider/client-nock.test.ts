/** Client paths that are easiest to pin down with nock: scrubbing, jitter, error codes, embeddings. */
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

const embedCall = { caseId: 's/t/qwen-max#0', sample: 0, purpose: 'grader' as const, suite: 's' };

/** The client's embeddings path, two texts a request. */
function embedder() {
  const embed = client({ embeddingsBatch: 2 }).embed;
  if (!embed) throw new Error('the client has no embeddings');
  return { embed };
}

/** Answers each text with a one-number vector: its length. */
function vectors(body: { input: string[] }) {
  return {
    model: 'text-embedding-3-small',
    data: body.input.map((t, index) => ({ index, embedding: [t.length] })),
    usage: { prompt_tokens: body.input.length, total_tokens: body.input.length },
  };
}

describe('client.embed (nock)', () => {
  it('sends batches and joins their vectors in input order, with tokens and cost summed', async () => {
    const scope = nock('https://gateway.test')
      .post('/v1/embeddings')
      .times(2)
      .reply(200, (_uri, body) => vectors(body as { input: string[] }), { 'x-aimlapi-usd-spent': '0.001' });
    const got = await embedder().embed(
      { model: 'text-embedding-3-small', input: ['a', 'bb', 'ccc'] },
      embedCall,
    );
    expect(scope.isDone()).toBe(true);
    expect(got.vectors).toEqual([[1], [2], [3]]);
    expect(got.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(got.cost_usd).toBeCloseTo(0.002);
    expect(got.source).toBe('live');
  });

  it('retries a 503 like a chat call, then takes the answer', async () => {
    nock('https://gateway.test')
      .post('/v1/embeddings')
      .reply(503, { message: 'busy' })
      .post('/v1/embeddings')
      .reply(200, (_uri, body) => vectors(body as { input: string[] }));
    const got = await embedder().embed({ model: 'text-embedding-3-small', input: ['hello'] }, embedCall);
    expect(got.vectors).toEqual([[5]]);
  });

  it('never repeats the key the gateway quotes back in an error body', async () => {
    nock('https://gateway.test')
      .post('/v1/embeddings')
      .reply(400, { message: `invalid request: Authorization Bearer ${key}` });
    const err = await embedder()
      .embed({ model: 'text-embedding-3-small', input: ['hello'] }, embedCall)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).message).toContain('HTTP 400');
    expect((err as ProviderError).message).not.toContain(key);
    expect(JSON.stringify(err)).not.toContain(key);
  });

  it('calls a body that is not JSON, or vectors that do not add up, malformed', async () => {
    nock('https://gateway.test').post('/v1/embeddings').reply(200, 'not json');
    const notJson = embedder().embed({ model: 'text-embedding-3-small', input: ['x'] }, embedCall);
    await expect(notJson).rejects.toThrow(
      /embeddings endpoint answered 200 with a body that is not valid JSON/,
    );
    nock('https://gateway.test')
      .post('/v1/embeddings')
      .reply(200, { data: [{ index: 0, embedding: [1] }] });
    const short = embedder().embed({ model: 'text-embedding-3-small', input: ['x', 'y'] }, embedCall);
    await expect(short).rejects.toThrow(/1 vectors for 2 texts/);
  });
});
