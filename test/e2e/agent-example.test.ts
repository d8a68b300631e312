/**
 * The shipped agent example (suites/agent-weather.yaml) through the built CLI: recorded against
 * the simulator's weather agent, then replayed offline, every case's transcript (tool calls,
 * results, turns, steps) comes back the same, in seven languages; and the shipped cassettes
 * replay to the same transcripts as a fresh recording.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { weatherAgent } from '../utils/agent-sim.js';
import { cleanEnv, repoRoot, runCli } from '../utils/cli.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-agent-example-'));
  await mkdir(join(dir, 'suites'));
  await copyFile(join(repoRoot, 'suites', 'agent-weather.yaml'), join(dir, 'suites', 'agent-weather.yaml'));
  sim = await startSimulator({ respond: weatherAgent, chunkDelayMs: 0 });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

/** Each case's transcript by case id, from a run's report.json. */
async function transcripts(out: string): Promise<Record<string, unknown>> {
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
  return Object.fromEntries(report.cases.map((c) => [c.id, c.transcript]));
}

it('records the multi-step, multi-language agent and replays the same transcripts', async () => {
  const run = (args: string[], env: NodeJS.ProcessEnv, out: string) =>
    runCli(['run', 'suites', '--no-progress', '-o', out, ...args], { cwd: dir, env: cleanEnv(env) });
  const rec = await run(['--mode', 'record', '--base-url', sim.url], { AIMLAPI_KEY: 'sk-fake-agent' }, 'rec');
  expect(rec.code, rec.stderr + rec.stdout).toBe(0);
  const recorded = await transcripts(join(dir, 'rec'));
  const report = JSON.parse(await readFile(join(dir, 'rec', 'report.json'), 'utf8')) as Report;
  expect(new Set(report.cases.map((c) => c.lang))).toEqual(
    new Set(['en', 'fr', 'es', 'de', 'ar', 'zh', 'hi']),
  );
  expect(report.cases.every((c) => c.status === 'pass')).toBe(true);
  // Every booking takes three model calls over two turns; two cities are two calls in one step.
  const booking = report.cases.filter((c) => c.test_id === 'book-table');
  expect(booking.map((c) => [c.transcript?.steps, c.transcript?.turns])).toEqual(booking.map(() => [3, 2]));
  const two = report.cases.find((c) => c.test_id === 'weather-two-cities')!;
  expect(two.transcript?.messages[2]?.tool_calls?.map((t) => t.args)).toEqual([
    { city: 'Paris' },
    { city: 'Berlin' },
  ]);
  const requests = sim.stats.requests;

  const rep = await run([], {}, 'rep');
  expect(rep.code, rep.stderr).toBe(0);
  expect(sim.stats.requests).toBe(requests);
  expect(await transcripts(join(dir, 'rep'))).toEqual(recorded);

  // The shipped cassettes are this agent's answers.
  const shipped = await runCli(
    ['run', 'suites/agent-weather.yaml', '--no-progress', '-o', join(dir, 'shipped')],
    {
      cwd: repoRoot,
      env: cleanEnv(),
    },
  );
  expect(shipped.code, shipped.stderr).toBe(0);
  expect(await transcripts(join(dir, 'shipped'))).toEqual(recorded);
}, 120_000);
