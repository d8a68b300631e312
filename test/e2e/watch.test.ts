/**
 * `qeval run --watch` through the built CLI: a save runs the suite it concerns once (a suite file,
 * or a `file://` prompt it reads), a save during a run queues one more run rather than one per
 * save, and Ctrl-C leaves cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, qevalBin } from '../utils/cli.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

let dir: string;
let sim: Simulator;
let child: ChildProcess | undefined;
let out = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-watch-'));
  await mkdir(join(dir, 'suites', 'prompts'), { recursive: true });
  const tests = (n: number, prompt: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `  - { id: t${i}, lang: en, prompt: "${prompt(i)}" }`).join('\n');
  await writeFile(
    join(dir, 'suites', 'a.yaml'),
    `name: a\nmodels: [qwen-max]\ntests:\n${tests(3, (i) => `a ${i}`)}\n`,
  );
  await writeFile(join(dir, 'suites', 'prompts', 'b.txt'), 'Say hello to {{name}}.');
  await writeFile(
    join(dir, 'suites', 'b.yaml'),
    `name: b\nmodels: [qwen-max]\ntests:\n  - { id: one, lang: en, prompt: "file://prompts/b.txt", vars: { name: Ana } }\n  - { id: two, lang: en, prompt: "file://prompts/b.txt", vars: { name: Li } }\n`,
  );
  sim = await startSimulator({ respond: () => ({ content: 'Hello!' }), latencyMs: 300 });
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

/** Waits (bounded) until the output holds `count` matches of `pattern`. */
async function until(pattern: RegExp, count: number, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  const matches = () => out.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  while (matches() < count) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${count}× ${pattern}:\n${out}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const waiting = /\[watch\] waiting for changes/;
const runs = /\[watch\] \S+ changed: /;

describe('qeval run --watch', () => {
  it('runs what a save concerns, once; queues one run for saves during a run; leaves on Ctrl-C', async () => {
    child = spawn(
      process.execPath,
      [
        qevalBin,
        'run',
        '--watch',
        '--mode',
        'live',
        '--base-url',
        sim.url,
        '--no-progress',
        '--quiet',
        '-j',
        '1',
      ],
      { cwd: dir, env: cleanEnv({ AIMLAPI_KEY: 'sk-watch' }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child?.on('close', (code) => r(code)));

    await until(waiting, 1);
    expect(sim.stats.requests).toBe(5);

    // A suite saved: that suite alone runs, once.
    await appendFile(join(dir, 'suites', 'a.yaml'), '# edited\n');
    await until(waiting, 2);
    expect(out).toMatch(/changed: suites\/a\.yaml → running 1 suite\(s\): suites\/a\.yaml/);
    expect(sim.stats.requests).toBe(8);

    // A prompt file saved: the suite that reads it runs.
    await writeFile(join(dir, 'suites', 'prompts', 'b.txt'), 'Say hi to {{name}}.');
    await until(waiting, 3);
    expect(out).toMatch(/changed: suites\/prompts\/b\.txt → running 1 suite\(s\): suites\/b\.yaml/);
    expect(sim.stats.requests).toBe(10);
    expect(sim.stats.bodies.at(-1)?.messages.at(-1)?.content).toMatch(/^Say hi to /);

    // Three saves while a run is going: one more run after it, not three.
    await appendFile(join(dir, 'suites', 'a.yaml'), '# again\n');
    await until(runs, 3);
    await new Promise((r) => setTimeout(r, 400));
    for (const edit of ['# b\n', '# c\n']) {
      await appendFile(join(dir, 'suites', 'a.yaml'), edit);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The run the saves came during goes straight on to the queued one, without waiting between.
    await until(waiting, 4);
    await new Promise((r) => setTimeout(r, 800));
    expect(out.match(new RegExp(runs.source, 'g'))).toHaveLength(4);
    expect(sim.stats.requests).toBe(16);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).not.toContain('internal error');
  }, 60_000);
});
