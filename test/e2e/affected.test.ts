/**
 * `qeval run --affected` through the built CLI: a 40-case suite is recorded against the loopback
 * gateway, one prompt (four languages) is edited, and only the cases whose request changed are
 * sent; the other 36 replay from the cassette.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

let dir: string;
let sim: Simulator;
const langs = ['en', 'fr', 'de', 'es'];

function suite(editedPrompt: string): string {
  const tests = Array.from({ length: 10 }, (_, i) => {
    const prompt = i === 3 ? editedPrompt : `Question ${i}`;
    const map = langs.map((l) => `${l}: "${prompt} (${l})"`).join(', ');
    return `  - id: q${i}\n    prompt: { ${map} }\n    assert: [{ type: contains, value: "answer" }]`;
  });
  return `name: affected\nmodels: [qwen-max]\ntests:\n${tests.join('\n')}\n`;
}

const respond = (body: SimRequestBody) => ({
  content: `The answer to: ${String(body.messages.at(-1)?.content)}`,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-affected-'));
  await mkdir(join(dir, 'suites'));
  await writeFile(join(dir, 'suites', 'affected.yaml'), suite('Question 3'));
  sim = await startSimulator({ respond });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[], key: string | null = 'sk-affected') =>
  runCli(['run', '--base-url', sim.url, '--no-progress', ...args], {
    cwd: dir,
    env: cleanEnv(key ? { AIMLAPI_KEY: key } : {}),
  });

describe('qeval run --affected', () => {
  it('sends only the cases whose prompt changed, replays the rest, and says how many changed', async () => {
    expect((await run(['--mode', 'record'])).code).toBe(0);
    expect(sim.stats.requests).toBe(40);
    const unchanged = await run(['--affected']);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain('0 of 40 cases changed');
    expect(sim.stats.requests).toBe(40);

    await writeFile(join(dir, 'suites', 'affected.yaml'), suite('Question three, reworded'));
    // Without a key the changed cases cannot be sent: refused before any request.
    // With progress on: the run is refused before it starts, so no progress line announces it.
    const noKey = await runCli(['run', '--base-url', sim.url, '--affected'], { cwd: dir, env: cleanEnv() });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--affected: 4 of 40 cases changed');
    expect(noKey.stderr).toContain('AIMLAPI_KEY');
    expect(noKey.stderr).not.toContain('qeval: 40 cases');
    // Refused before it touched the output: the last run's results are all still there.
    const kept = await readFile(join(dir, 'reports', 'results.jsonl'), 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(40);
    expect(sim.stats.requests).toBe(40);

    const replayed = await run(['--affected']);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain(
      '4 of 40 cases changed (no recording of their request): sent, not recorded; the rest replayed',
    );
    expect(sim.stats.requests).toBe(44);
    const sent = sim.stats.bodies
      .slice(40)
      .map((b) => String(b.messages.at(-1)?.content))
      .sort();
    expect(sent).toEqual(langs.map((l) => `Question three, reworded (${l})`).sort());
    const report = JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.run.affected).toEqual({ changed: 4, total: 40 });
    expect(report.cases).toHaveLength(40);
    const sources = report.cases.map((c) => c.response?.source);
    expect(sources.filter((s) => s === 'live')).toHaveLength(4);
    expect(sources.filter((s) => s === 'cassette')).toHaveLength(36);

    // Replay mode kept nothing: the same four are sent again; auto records them, once.
    expect((await run(['--affected', '--mode', 'auto'])).stdout).toContain(
      '4 of 40 cases changed (no recording of their request): sent and recorded',
    );
    expect(sim.stats.requests).toBe(48);
    const after = await run(['--affected']);
    expect(after.stdout).toContain('0 of 40 cases changed');
    expect(sim.stats.requests).toBe(48);
  });

  it('is refused with a mode that sends every case', async () => {
    const out = await run(['--affected', '--mode', 'live']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--affected goes with --mode replay');
  });
});
