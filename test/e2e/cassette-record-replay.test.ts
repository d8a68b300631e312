/** Record against the simulator, replay through nock, and everything in between. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCassettes, simulatorNote } from '../../src/cassette/transport.js';
import type { CassetteEntry, CassetteFile } from '../../src/cassette/types.js';
import type { ChatRequest, ModelResponse } from '../../src/contracts/chat.js';
import { CassetteFileError } from '../../src/errors.js';
import { createClient } from '../../src/provider/client.js';
import { ProviderError } from '../../src/provider/errors.js';
import type { Transport } from '../../src/provider/transport.js';
import type { CallOptions } from '../../src/provider/types.js';
import { filesContaining } from '../utils/key-scan.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

const key = 'sk-record-SECRET-9f8e7d6c5b4a';
let sim: Simulator;
let dir: string;
let suiteFile: string;
const suite = 'greetings';

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sim = await startSimulator({
    latencyMs: 5,
    // The simulator echoes the key in one answer, to prove it is scrubbed from cassettes.
    respond: (body) => {
      const last = String(body.messages.at(-1)?.content ?? '');
      const content = last.includes('leak') ? `your key is ${key}` : `Echo: ${last}`;
      return { content, usage: { prompt_tokens: 3, completion_tokens: 4 } };
    },
    faults: [
      { kind: '404-model', match: (b) => b.model === 'qwen-max-2025-01-25' },
      { kind: 'no-choices', match: (b) => b.messages.at(-1)?.content === 'empty please' },
      { kind: '500', match: (b) => b.messages.at(-1)?.content === 'always fails' },
    ],
  });
  dir = await mkdtemp(join(tmpdir(), 'qeval-cassette-'));
  suiteFile = join(dir, 'suites', 'greetings.yaml');
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  nock.enableNetConnect();
});

interface Case {
  id: string;
  request: ChatRequest;
  sample: number;
}
const cases: Case[] = [
  {
    id: 'greetings/hello/en/qwen-max#0',
    sample: 0,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'Hello' }], temperature: 0 },
  },
  {
    id: 'greetings/hello/en/qwen-max#1',
    sample: 1,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'Hello' }], temperature: 0 },
  },
  {
    id: 'greetings/hello/zh/qwen-max#0',
    sample: 0,
    request: {
      model: 'qwen-max',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: '你好，李雷' },
      ],
      max_tokens: 50,
    },
  },
  {
    id: 'greetings/stream/en/qwen-max#0',
    sample: 0,
    request: {
      model: 'qwen-max',
      messages: [{ role: 'user', content: 'Stream a somewhat longer answer' }],
      stream: true,
      stream_options: { include_usage: true },
    },
  },
  {
    id: 'greetings/old/en/qwen-max-2025-01-25#0',
    sample: 0,
    request: { model: 'qwen-max-2025-01-25', messages: [{ role: 'user', content: 'Hi' }] },
  },
  {
    id: 'greetings/empty/en/qwen-max#0',
    sample: 0,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'empty please' }] },
  },
  {
    id: 'greetings/fails/en/qwen-max#0',
    sample: 0,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'always fails' }] },
  },
  {
    id: 'greetings/leak/en/qwen-max#0',
    sample: 0,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'leak' }] },
  },
];

type Outcome =
  | { status: 'ok'; response: Partial<ModelResponse> }
  | { status: 'error'; kind: string; message: string };

async function runAll(transport: Transport, list: Case[] = cases, apiKey: string | undefined = key) {
  const client = createClient({
    baseUrl: sim.url,
    apiKey,
    timeoutMs: 3000,
    retries: 1,
    concurrency: 3,
    prices: {},
    backoff: { baseMs: 1, capMs: 5 },
    transport,
  });
  const out = new Map<string, Outcome>();
  const raw = new Map<string, ModelResponse>();
  await Promise.all(
    list.map(async (c) => {
      const opts: CallOptions = { caseId: c.id, sample: c.sample, purpose: 'test', suite };
      try {
        const r = await client.complete(c.request, opts);
        raw.set(c.id, r);
        const { latency_ms: _l, ttft_ms: _t, source: _s, ...stable } = r;
        out.set(c.id, { status: 'ok', response: stable });
      } catch (err) {
        if (!(err instanceof ProviderError)) throw err;
        out.set(c.id, { status: 'error', kind: err.kind, message: err.message });
      }
    }),
  );
  return { out, raw };
}

const cassetteFile = () => join(dir, 'suites', '__cassettes__', 'greetings.json');

describe('record → replay', () => {
  let recorded: Awaited<ReturnType<typeof runAll>>;

  it('records every answered call into one sorted, pretty, secret-free cassette', async () => {
    const session = await openCassettes({
      mode: 'record',
      suites: [{ name: suite, file: suiteFile }],
      apiKey: key,
      baseUrl: sim.url,
      note: simulatorNote,
    });
    recorded = await runAll(session);
    await session.close();
    await session.close(); // idempotent
    expect(session.written()).toEqual([cassetteFile()]);
    const text = await readFile(cassetteFile(), 'utf8');
    expect(text).toMatch(/^\{\n {2}"version": 1,\n {2}"suite": "greetings",\n {2}"note": /);
    expect(text).not.toContain(key);
    expect(text).toContain('[REDACTED]');
    expect(text.toLowerCase()).not.toContain('authorization');
    const file = JSON.parse(text) as CassetteFile;
    const keys = Object.keys(file.entries);
    expect(keys).toEqual([...keys].sort());
    // 8 cases; 404 and no-choices and 500 are recorded too (so replay gives the same statuses).
    expect(keys).toHaveLength(8);
    const stream = Object.values(file.entries).find((e) => e.case_id === 'greetings/stream/en/qwen-max#0')!;
    const chunks = stream.response.chunks ?? [];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.at(-1)?.data).toContain('[DONE]');
    expect(stream.model).toBe('qwen-max');
    for (const e of Object.values(file.entries) as CassetteEntry[]) {
      expect(Object.keys(e.response.headers).every((h) => !/key|token|cookie|secret|auth/i.test(h))).toBe(
        true,
      );
      expect(Date.parse(e.recorded_at)).toBeGreaterThan(0);
      expect(e.duration_ms).toBeGreaterThan(0);
    }
    expect(recorded.out.get('greetings/hello/en/qwen-max#0')?.status).toBe('ok');
    expect(recorded.out.get('greetings/old/en/qwen-max-2025-01-25#0')).toMatchObject({
      status: 'error',
      kind: 'retired-model',
    });
  });

  it('replays the same statuses and responses without touching the network', async () => {
    const before = sim.stats.requests;
    const session = await openCassettes({
      mode: 'replay',
      suites: [{ name: suite, file: suiteFile }],
      baseUrl: sim.url,
    });
    const replayed = await runAll(session, cases, undefined);
    await session.close();
    expect(sim.stats.requests).toBe(before);
    expect(session.stats()).toMatchObject({ hits: 8, misses: 0, recorded: 0 });
    for (const c of cases) {
      const a = recorded.out.get(c.id)!;
      const b = replayed.out.get(c.id)!;
      if (a.status === 'ok' && b.status === 'ok') {
        // The scrubbed answer differs from what the live call saw, by design.
        if (c.id.includes('leak')) expect(b.response.output).toBe('your key is [REDACTED]');
        else expect(b.response).toEqual(a.response);
      } else {
        expect(b.status).toBe(a.status);
        if (a.status === 'error' && b.status === 'error') expect(b.kind).toBe(a.kind);
      }
    }
    const file = JSON.parse(await readFile(cassetteFile(), 'utf8')) as CassetteFile;
    const byCase = new Map((Object.values(file.entries) as CassetteEntry[]).map((e) => [e.case_id, e]));
    const hello = replayed.raw.get('greetings/hello/en/qwen-max#0')!;
    expect(hello.source).toBe('cassette');
    expect(hello.latency_ms).toBe(byCase.get('greetings/hello/en/qwen-max#0')?.duration_ms);
    const stream = replayed.raw.get('greetings/stream/en/qwen-max#0')!;
    expect(stream.ttft_ms).not.toBeNull();
    expect(stream.ttft_ms!).toBeLessThanOrEqual(stream.latency_ms);
    expect(stream.output).toBe(recorded.raw.get('greetings/stream/en/qwen-max#0')!.output);
  });

  it('rejects a replayed call whose signal aborts, as fetch does', async () => {
    const session = await openCassettes({
      mode: 'replay',
      suites: [{ name: suite, file: suiteFile }],
      baseUrl: sim.url,
    });
    try {
      const c = cases[0]!;
      const call = (signal: AbortSignal) =>
        session.send({
          url: `${sim.url}/chat/completions`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(c.request),
          request: c.request,
          context: { caseId: c.id, sample: c.sample, purpose: 'test', suite },
          signal,
          timeoutMs: 1000,
        });
      await expect(call(AbortSignal.abort(new Error('cancelled before')))).rejects.toThrow(
        'cancelled before',
      );
      const controller = new AbortController();
      const pending = call(controller.signal);
      controller.abort(new Error('timed out'));
      await expect(pending).rejects.toThrow('timed out');
      const answered = await call(new AbortController().signal);
      if (answered.type !== 'response') throw new Error(`expected a response, got ${answered.type}`);
      expect(answered.response.status).toBe(200);
      expect(answered.replayed).toBe(true);
      expect(answered.recorded?.durationMs).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  });

  it('explains a miss: the test, the command to re-record, and a per-field diff', async () => {
    const session = await openCassettes({
      mode: 'replay',
      suites: [{ name: suite, file: suiteFile }],
      baseUrl: sim.url,
    });
    const changed: Case = {
      id: 'greetings/hello/zh/qwen-max#0',
      sample: 0,
      request: {
        model: 'qwen-max',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: '你好，韩梅梅' },
        ],
        max_tokens: 80,
      },
    };
    const { out } = await runAll(session, [changed], undefined);
    await session.close();
    const o = out.get(changed.id)!;
    expect(o).toMatchObject({ status: 'error', kind: 'cassette-miss' });
    const msg = (o as { message: string }).message;
    expect(msg).toContain('"greetings/hello/zh/qwen-max#0"');
    expect(msg).toContain('qeval run --mode record --filter "greetings/hello/zh/qwen-max"');
    expect(msg).toContain('--mode auto');
    expect(msg).toContain('messages[1].content: "你好，李雷" → "你好，韩梅梅"');
    expect(msg).toContain('max_tokens: 50 → 80');
    expect(msg).not.toContain('messages[0]');
  });

  it('turns entries older than --max-age into cassette-expired errors in replay', async () => {
    const later = Date.now() + 10 * 86_400_000;
    const session = await openCassettes({
      mode: 'replay',
      suites: [{ name: suite, file: suiteFile }],
      baseUrl: sim.url,
      maxAgeDays: 5,
      now: () => later,
    });
    const { out } = await runAll(session, cases.slice(0, 1), undefined);
    await session.close();
    const o = out.get(cases[0]!.id)!;
    expect(o).toMatchObject({ status: 'error', kind: 'cassette-expired' });
    expect((o as { message: string }).message).toContain('--max-age 5');
  });

  it('auto replays hits and records only the misses', async () => {
    const before = sim.stats.requests;
    const extra: Case = {
      id: 'greetings/new/en/qwen-max#0',
      sample: 0,
      request: { model: 'qwen-max', messages: [{ role: 'user', content: 'Brand new' }] },
    };
    const session = await openCassettes({
      mode: 'auto',
      suites: [{ name: suite, file: suiteFile }],
      apiKey: key,
      baseUrl: sim.url,
    });
    const { out, raw } = await runAll(session, [cases[0]!, cases[2]!, extra]);
    await session.close();
    expect(sim.stats.requests - before).toBe(1);
    expect(sim.stats.bodies.at(-1)?.messages[0]?.content).toBe('Brand new');
    expect(out.get(extra.id)).toMatchObject({ status: 'ok', response: { output: 'Echo: Brand new' } });
    expect(raw.get(cases[0]!.id)?.source).toBe('cassette');
    expect(session.stats()).toMatchObject({ hits: 2, recorded: 1 });
    const file = JSON.parse(await readFile(cassetteFile(), 'utf8')) as CassetteFile;
    expect(Object.keys(file.entries)).toHaveLength(9);
    expect(file.note).toBe(simulatorNote); // kept from the file
  });

  it('re-records expired entries in auto', async () => {
    const before = sim.stats.requests;
    const later = Date.now() + 10 * 86_400_000;
    const session = await openCassettes({
      mode: 'auto',
      suites: [{ name: suite, file: suiteFile }],
      apiKey: key,
      baseUrl: sim.url,
      maxAgeDays: 5,
      now: () => later,
    });
    await runAll(session, cases.slice(0, 1));
    await session.close();
    expect(sim.stats.requests - before).toBe(1);
    expect(session.stats().recorded).toBe(1);
  });

  it('answers nothing of the gateway origin but its recordings in replay, and leaves other origins be', async () => {
    const session = await openCassettes({
      mode: 'replay',
      suites: [{ name: suite, file: suiteFile }],
      baseUrl: sim.url,
    });
    const other = `http://127.0.0.1:${sim.port}/health`;
    const before = sim.stats.requests;
    try {
      // Another path of the gateway's origin is not answered, and not let through.
      await expect(fetch(other)).rejects.toThrow(/No match for request/);
      // Nor a chat request sent around the cassettes, even one that has a recording.
      const body = JSON.stringify(cases[0]!.request);
      await expect(fetch(`${sim.url}/chat/completions`, { method: 'POST', body })).rejects.toThrow(
        /No match for request/,
      );
      // The test's own net-connect setting still governs other origins.
      await expect(fetch('http://127.0.0.1:9/x')).rejects.toThrow();
      expect(sim.stats.requests).toBe(before);
    } finally {
      await session.close();
    }
    // Once closed, the origin is reachable again.
    const res = await fetch(other);
    expect(res.status).toBe(404);
    expect(sim.stats.requests).toBe(before + 1);
  });

  it('rejects an invalid cassette file with an input error naming it', async () => {
    const bad = join(dir, 'bad', 'suite.yaml');
    await mkdir(join(dir, 'bad', '__cassettes__'), { recursive: true });
    const path = join(dir, 'bad', '__cassettes__', 'broken.json');
    await writeFile(path, '{"version": 1, "suite": "broken", "entries": [');
    const err = await openCassettes({
      mode: 'replay',
      suites: [{ name: 'broken', file: bad }],
      baseUrl: sim.url,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(CassetteFileError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(path);
    await writeFile(path, JSON.stringify({ version: 2, suite: 'broken', entries: {} }));
    await expect(
      openCassettes({ mode: 'replay', suites: [{ name: 'broken', file: bad }], baseUrl: sim.url }),
    ).rejects.toThrow(/unsupported version 2/);
    // A failed open leaves nothing behind: a replay session can be opened again.
    const ok = await openCassettes({
      mode: 'replay',
      suites: [{ name: suite, file: suiteFile }],
      baseUrl: sim.url,
    });
    await ok.close();
    await rm(join(dir, 'bad'), { recursive: true });
  });

  it('wrote the key into no file', async () => {
    const { scanned, leaking } = await filesContaining(dir, key);
    expect(scanned.length).toBeGreaterThan(0);
    expect(leaking).toEqual([]);
  });
});
