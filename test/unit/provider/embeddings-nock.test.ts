/**
 * The embeddings path of the real client through nock: batches joined in order with their cost,
 * and the failures it shares with chat calls (retries, bodies that are not JSON, a key the
 * gateway quotes back).
 */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/provider/client.js';
import { ProviderError } from '../../../src/provider/errors.js';

const key = 'sk-embed-abcdef0123456789';
const call = { caseId: 's/t/qwen-max#0', sample: 0, purpose: 'grader' as const, suite: 's' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const client = () => {
  const c = createClient({
    baseUrl: 'https://gateway.test/v1',
    apiKey: key,
    timeoutMs: 1000,
    retries: 2,
    concurrency: 2,
    prices: {},
    backoff: { baseMs: 1, capMs: 2 },
    embeddingsBatch: 2,
  });
  const embed = c.embed;
  if (!embed) throw new Error('the client has no embeddings');
  return { embed };
};

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
    const got = await client().embed({ model: 'text-embedding-3-small', input: ['a', 'bb', 'ccc'] }, call);
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
    const got = await client().embed({ model: 'text-embedding-3-small', input: ['hello'] }, call);
    expect(got.vectors).toEqual([[5]]);
  });

  it('never repeats the key the gateway quotes back in an error body', async () => {
    nock('https://gateway.test')
      .post('/v1/embeddings')
      .reply(400, { message: `invalid request: Authorization Bearer ${key}` });
    const err = await client()
      .embed({ model: 'text-embedding-3-small', input: ['hello'] }, call)
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
    const notJson = client().embed({ model: 'text-embedding-3-small', input: ['x'] }, call);
    await expect(notJson).rejects.toThrow(
      /embeddings endpoint answered 200 with a body that is not valid JSON/,
    );
    nock('https://gateway.test')
      .post('/v1/embeddings')
      .reply(200, { data: [{ index: 0, embedding: [1] }] });
    const short = client().embed({ model: 'text-embedding-3-small', input: ['x', 'y'] }, call);
    await expect(short).rejects.toThrow(/1 vectors for 2 texts/);
  });
});
