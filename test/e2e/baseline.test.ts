/**
 * Two runs against the loopback simulator, the second answering worse on a known set of tests:
 * `qeval compare` lists exactly those regressions and fixes with the exact McNemar p-value, and
 * `qeval run --baseline` gates on them.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/contracts/comparison.js';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const TESTS = 20;
/** Tests answered wrongly: A fails t-0 and t-1; B fixes them and breaks t-2 … t-11. */
const badInA = new Set(['t-0', 't-1']);
const badInB = new Set(Array.from({ length: 10 }, (_, i) => `t-${i + 2}`));
let bad = badInA;

let sim: Simulator;
let dir: string;

function respond(body: SimRequestBody) {
  const id = String(body.messages.at(-1)?.content ?? '').split(' ')[1] ?? '';
  return {
    content: bad.has(id) ? 'I am not sure.' : `The answer to ${id} is 42.`,
    usage: { prompt_tokens: 4, completion_tokens: 6 },
  };
}

const run = (args: string[]) =>
  runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress', ...args], {
    cwd: dir,
    env: cleanEnv({ AIMLAPI_KEY: 'sk-baseline' }),
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-baseline-'));
  await mkdir(join(dir, 'suites'));
  const tests = Array.from(
    { length: TESTS },
    (_, i) =>
      `  - id: t-${i}\n    lang: en\n    prompt: "question t-${i}"\n    assert: [{ type: contains, value: "42" }]`,
  );
  await writeFile(
    join(dir, 'suites', 'qa.yaml'),
    `name: qa\nmodels: [qwen-max]\ntests:\n${tests.join('\n')}\n`,
  );
  sim = await startSimulator({ respond });
});

afterAll(async () => {
  await sim.close();
});

describe('baseline and compare (process)', () => {
  it('compares two runs: exactly the known regressions and fixes, McNemar p = 158/4096', async () => {
    bad = badInA;
    expect((await run(['-o', 'a'])).code).toBe(1);
    bad = badInB;
    expect((await run(['-o', 'b'])).code).toBe(1);

    const r = await runCli(['compare', 'a/report.json', 'b/report.json', '-o', 'cmp'], {
      cwd: dir,
      env: cleanEnv(),
    });
    expect(r.code).toBe(1);
    const c = JSON.parse(await readFile(join(dir, 'cmp', 'compare.json'), 'utf8')) as Comparison;
    expect(c.regressions.map((t) => t.test_id).sort()).toEqual([...badInB].sort());
    expect(c.fixes.map((t) => t.test_id).sort()).toEqual([...badInA].sort());
    expect(c.mcnemar.b + c.mcnemar.c).toBe(12);
    expect(c.mcnemar.p).toBeCloseTo(158 / 4096, 10);
    expect(c.verdict.direction).toBe('worse');
    expect(c.verdict.significant).toBe(true);
    expect(r.stdout).toMatch(/p = 0\.03(86|9)/);
    expect(r.stdout.indexOf('t-2')).toBeLessThan(r.stdout.indexOf('t-0'));
    expect(await readFile(join(dir, 'cmp', 'compare.md'), 'utf8')).toContain('t-11');
  });

  it('run --baseline exits 1 on regressions, and --max-drop tolerates a bounded drop', async () => {
    bad = badInB;
    const gated = await run(['-o', 'gated', '--baseline', 'a/report.json']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toMatch(/10 regressions/);
    // Named like the failing list: file:line, test, language, model, why.
    expect(gated.stdout).toContain('regressions (10), passing before and failing now:');
    expect(gated.stdout).toMatch(/suites\/qa\.yaml:12 {2}t-2 \[en\] qwen-max {2}— .*42/);
    const report = JSON.parse(await readFile(join(dir, 'gated', 'report.json'), 'utf8')) as Report;
    expect((report.comparison as Comparison).regressions).toHaveLength(10);
    expect(report.run.baseline).toBe('a/report.json');

    // A: 18/20 pass, B: 10/20 → a 40-point drop.
    expect((await run(['-o', 'tolerant', '--baseline', 'a/report.json', '--max-drop', '50'])).code).toBe(0);
    expect((await run(['-o', 'strict', '--baseline', 'a/report.json', '--max-drop', '30'])).code).toBe(1);

    bad = badInA;
    expect((await run(['-o', 'same', '--baseline', 'a/report.json'])).code).toBe(0);
  });
});
