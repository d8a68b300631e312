/**
 * The engine in-process, with a fake transport in place of the network: what it reports and
 * in which order, errors as data, a run that stops or is interrupted, the cap on calls in
 * flight, and --resume.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../src/contracts/chat.js';
import type { RunEvent } from '../../../src/contracts/result.js';
import type { Settings } from '../../../src/contracts/settings.js';
import type { Transport, TransportRequest } from '../../../src/provider/transport.js';
import { run } from '../../../src/run/engine.js';

let dir: string;
const TESTS = 12;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-engine-'));
  await mkdir(join(dir, 'suites'));
  const tests = Array.from(
    { length: TESTS },
    (_, i) =>
      `  - { id: t${i}, prompt: "Say hello ${i}", assert: [{ type: contains, value: "hello ${i}" }] }`,
  );
  await writeFile(
    join(dir, 'suites', 'greet.yaml'),
    `name: greet\nmodels: [qwen-max]\ntests:\n${tests.join('\n')}\n`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Fake extends Transport {
  calls: TransportRequest[];
  maxInFlight: number;
}

/**
 * Answers "hello N" to "Say hello N" after `delayMs`; `status(n)` gives the nth call another HTTP
 * status (with the gateway's error body).
 */
function fakeTransport(options: { delayMs?: number; status?: (n: number) => number } = {}): Fake {
  let inFlight = 0;
  const fake: Fake = {
    calls: [],
    maxInFlight: 0,
    async send(request) {
      const n = fake.calls.push(request);
      inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 2));
        request.signal?.throwIfAborted();
        const status = options.status?.(n) ?? 200;
        const prompt = String((request.request as ChatRequest).messages.at(-1)?.content ?? '');
        const body =
          status === 200
            ? {
                model: request.request.model,
                choices: [
                  {
                    index: 0,
                    message: { role: 'assistant', content: prompt.replace('Say ', '') },
                    finish_reason: 'stop',
                  },
                ],
                usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
              }
            : { message: `status ${status}`, statusCode: status };
        const response = new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
        return { type: 'response', response, replayed: false };
      } finally {
        inFlight--;
      }
    },
    async close() {},
  };
  return fake;
}

function settings(out: string, extra: Partial<Settings> = {}): Partial<Settings> {
  return { mode: 'live', output: join(dir, out), format: ['json'], concurrency: 3, retries: 0, ...extra };
}

describe('run() with a fake transport', () => {
  it('reports the start, every result and the end, in order, and writes them all', async () => {
    const transport = fakeTransport();
    const events: RunEvent[] = [];
    const ends: string[][] = [];
    const outcome = await run({
      cwd: dir,
      settings: settings('ok'),
      transport,
      onEvent: (e) => events.push(e),
      reporters: [{ name: 'end', onRunEnd: (_report, end) => void ends.push(end.files) }],
    });
    expect(outcome.report.cases).toHaveLength(TESTS);
    expect(outcome.report.summary.passed).toBe(TESTS);
    expect(outcome.exit).toMatchObject({ exitCode: 0, reason: '0 failing tests' });
    expect(events[0]).toMatchObject({ type: 'run-start', total: TESTS, mode: 'live', models: ['qwen-max'] });
    expect(events.at(-1)).toEqual({ type: 'run-end', incomplete: false });
    expect(events.filter((e) => e.type === 'case-result')).toHaveLength(TESTS);
    // Each case starts before its result.
    for (const e of events) {
      if (e.type !== 'case-result') continue;
      const started = events.findIndex((x) => x.type === 'case-start' && x.case_id === e.result.id);
      expect(started).toBeGreaterThanOrEqual(0);
      expect(started).toBeLessThan(events.indexOf(e));
    }
    // The later reporter sees the files the report reporter wrote.
    expect(ends[0]).toEqual([join(dir, 'ok', 'results.jsonl'), join(dir, 'ok', 'report.json')]);
    const lines = (await readFile(join(dir, 'ok', 'results.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(TESTS);
    expect(transport.calls.every((c) => c.context.purpose === 'test' && c.context.suite === 'greet')).toBe(
      true,
    );
  });

  it('puts the git commit in the report, asked once the first calls are out', async () => {
    const before = process.env.GITHUB_SHA;
    process.env.GITHUB_SHA = '0123456789abcdef0123456789abcdef01234567';
    try {
      const outcome = await run({ cwd: dir, settings: settings('commit'), transport: fakeTransport() });
      expect(outcome.report.run.git_commit).toBe('0123456789abcdef0123456789abcdef01234567');
    } finally {
      if (before === undefined) delete process.env.GITHUB_SHA;
      else process.env.GITHUB_SHA = before;
    }
  });

  it('never has more calls in flight than -j', async () => {
    const transport = fakeTransport({ delayMs: 15 });
    await run({ cwd: dir, settings: settings('cap', { concurrency: 2 }), transport });
    expect(transport.calls).toHaveLength(TESTS);
    expect(transport.maxInFlight).toBe(2);
  });

  it('keeps a failed call as an error case, with its reason, and goes on', async () => {
    const transport = fakeTransport({ status: (n) => (n === 3 ? 500 : 200) });
    const outcome = await run({ cwd: dir, settings: settings('errors'), transport });
    const errors = outcome.report.cases.filter((c) => c.status === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.error).toMatchObject({ kind: 'http', status: 500 });
    expect(errors[0]!.error?.message).toContain('HTTP 500');
    expect(outcome.report.summary.passed).toBe(TESTS - 1);
    expect(outcome.exit.exitCode).toBe(3);
  });

  it('stops the whole run on a rejected key: no call after it, the reason on the outcome', async () => {
    const transport = fakeTransport({ status: (n) => (n === 2 ? 401 : 200), delayMs: 5 });
    const outcome = await run({ cwd: dir, settings: settings('auth', { concurrency: 1 }), transport });
    expect(outcome.stopError?.message).toContain('401');
    expect(transport.calls).toHaveLength(2);
    expect(outcome.report.run.incomplete).toBe(true);
    expect(outcome.exit).toMatchObject({ exitCode: 3, reason: 'run stopped' });
  });

  it('on Ctrl-C stops scheduling, loses no finished result, and says interrupted', async () => {
    const transport = fakeTransport({ delayMs: 10 });
    const controller = new AbortController();
    let seen = 0;
    const outcome = await run({
      cwd: dir,
      settings: settings('interrupted', { concurrency: 1 }),
      transport,
      signal: controller.signal,
      graceMs: 1000,
      onEvent: (e) => {
        if (e.type === 'case-result' && ++seen === 3) controller.abort();
      },
    });
    expect(outcome.interrupted).toBe(true);
    expect(outcome.exit.exitCode).toBe(130);
    expect(outcome.report.cases.length).toBeGreaterThanOrEqual(3);
    expect(outcome.report.cases.length).toBeLessThan(TESTS);
    const lines = (await readFile(join(dir, 'interrupted', 'results.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(outcome.report.cases.length);
  });

  it('with --resume runs only what is missing', async () => {
    const first = fakeTransport({ status: (n) => (n <= 4 ? 200 : 401) });
    await run({ cwd: dir, settings: settings('resume', { concurrency: 1 }), transport: first });
    const again = fakeTransport();
    const outcome = await run({
      cwd: dir,
      settings: settings('resume', { concurrency: 1, resume: true }),
      transport: again,
    });
    expect(again.calls).toHaveLength(TESTS - 4);
    expect(outcome.report.cases).toHaveLength(TESTS);
    expect(outcome.report.summary.passed).toBe(TESTS);
  });
});

describe('the output folder', () => {
  it('refuses a second run into a folder another live run holds, naming its pid', async () => {
    const out = join(dir, 'locked');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, '.qeval.lock'), `${process.pid}\n`);
    const transport = fakeTransport();
    const err = await run({ cwd: dir, settings: settings('locked'), transport }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_OUTPUT_LOCKED', exitCode: 2 });
    expect((err as Error).message).toContain(`pid ${process.pid}`);
    expect(transport.calls).toHaveLength(0);
    await rm(join(out, '.qeval.lock'));
  });

  it('takes over the lock of a run that died, says so, and releases it at the end', async () => {
    const out = join(dir, 'stale');
    await mkdir(out, { recursive: true });
    // A pid above the kernel's maximum is never running.
    await writeFile(join(out, '.qeval.lock'), '4194399\n');
    const events: RunEvent[] = [];
    const outcome = await run({
      cwd: dir,
      settings: settings('stale'),
      transport: fakeTransport(),
      onEvent: (e) => events.push(e),
    });
    expect(outcome.report.cases).toHaveLength(TESTS);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'warning', message: expect.stringContaining('pid 4194399') }),
    );
    await expect(readFile(join(out, '.qeval.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('stops before any call when the folder cannot be made (a path through a file), naming it', async () => {
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const transport = fakeTransport();
    const err = await run({ cwd: dir, settings: settings('a-file/reports'), transport }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'E_IO', exitCode: 2 });
    expect((err as Error).message).toContain(join(dir, 'a-file', 'reports'));
    expect(transport.calls).toHaveLength(0);
  });
});

describe('--resume after a hard kill or an outage', () => {
  it('cuts a torn last line off results.jsonl with a warning, and runs that case again', async () => {
    await run({ cwd: dir, settings: settings('torn', { concurrency: 1 }), transport: fakeTransport() });
    const path = join(dir, 'torn', 'results.jsonl');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    // Three results lost and a fourth half written, as a kill -9 leaves it.
    await writeFile(path, `${lines.slice(0, 8).join('\n')}\n${lines[8]!.slice(0, 40)}`);
    const events: RunEvent[] = [];
    const again = fakeTransport();
    const outcome = await run({
      cwd: dir,
      settings: settings('torn', { concurrency: 1, resume: true }),
      transport: again,
      onEvent: (e) => events.push(e),
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'warning',
        message: expect.stringMatching(/results\.jsonl:9:1 .*torn/),
      }),
    );
    expect(again.calls).toHaveLength(TESTS - 8);
    expect(outcome.report.cases).toHaveLength(TESTS);
    const repaired = (await readFile(path, 'utf8')).trim().split('\n');
    expect(repaired).toHaveLength(TESTS);
    for (const line of repaired) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('with --retry-errors runs the cases that ended in error again', async () => {
    await run({
      cwd: dir,
      settings: settings('retry', { concurrency: 1 }),
      transport: fakeTransport({ status: (n) => (n % 4 === 0 ? 503 : 200) }),
    });
    const again = fakeTransport();
    const outcome = await run({
      cwd: dir,
      settings: settings('retry', { concurrency: 1, resume: true, retryErrors: true }),
      transport: again,
    });
    expect(again.calls).toHaveLength(3);
    expect(outcome.report.summary.errors).toBe(0);
    expect(outcome.report.summary.passed).toBe(TESTS);
    const plainResume = await run({
      cwd: dir,
      settings: settings('retry', { resume: true }),
      transport: fakeTransport(),
    });
    expect(plainResume.report.cases).toHaveLength(TESTS);
    await expect(
      run({ cwd: dir, settings: settings('retry', { retryErrors: true }), transport: fakeTransport() }),
    ).rejects.toThrow(/--retry-errors goes with --resume/);
  });
});

describe('an output folder that cannot be made', () => {
  it('fails at once with the reason instead of spinning (a folder under /proc)', async () => {
    const transport = fakeTransport();
    const err = await run({
      cwd: dir,
      settings: { ...settings('x'), output: '/proc/self/qeval-reports' },
      transport,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_IO', exitCode: 2 });
    expect((err as Error).message).toContain('/proc/self/qeval-reports');
    expect(transport.calls).toHaveLength(0);
  });
});

describe('a grader question two language cases share', () => {
  it('asks it once: `consistent` by grader costs one call per language against the pivot', async () => {
    await mkdir(join(dir, 'consistent'), { recursive: true });
    await writeFile(
      join(dir, 'consistent', 'refund.yaml'),
      [
        'name: refund',
        'models: [qwen-max]',
        'tests:',
        '  - id: policy',
        '    prompt: { en: "Refund policy?", de: "Rückgaberecht?", fr: "Remboursement ?" }',
        '    assert: [{ type: consistent, method: grader }]',
        '',
      ].join('\n'),
    );
    const answers: Record<string, string> = {
      'Refund policy?': 'Refunds within 30 days.',
      'Rückgaberecht?': 'Rückerstattung innerhalb von 30 Tagen.',
      'Remboursement ?': 'Il pleuvra demain.',
    };
    const graderQuestions: string[] = [];
    const transport: Transport = {
      async send(request) {
        const content = String((request.request as ChatRequest).messages.at(-1)?.content ?? '');
        let answer = answers[content] ?? '';
        if (request.context.purpose !== 'test') {
          graderQuestions.push(content);
          const same = !content.includes('pleuvra');
          answer = JSON.stringify({ pass: same, score: same ? 1 : 0, reason: same ? 'same' : 'rain' });
        }
        const body = {
          model: request.request.model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
        };
        const response = new Response(JSON.stringify(body), {
          headers: { 'content-type': 'application/json' },
        });
        return { type: 'response', response, replayed: false };
      },
      async close() {},
    };
    const outcome = await run({
      cwd: dir,
      paths: [join(dir, 'consistent')],
      settings: settings('consistent', { concurrency: 4 }),
      transport,
    });
    // de and fr against the en pivot: the pivot's case reuses its siblings' verdicts.
    expect(graderQuestions).toHaveLength(2);
    const status = Object.fromEntries(outcome.report.cases.map((c) => [c.lang, c.status]));
    expect(status).toEqual({ en: 'fail', de: 'pass', fr: 'fail' });
    const en = outcome.report.cases.find((c) => c.lang === 'en');
    expect(en?.assertions[0]?.reason).toMatch(/^fr differ from this en answer/);
  });
});
