/**
 * What a new user trips on (issue 20), through the built CLI: a run without a key, a misspelt
 * model, an output folder that cannot be one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, repoRoot, runCli, writeProject } from '../utils/cli.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

let dir: string;
let sim: Simulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-new-user-'));
  sim = await startSimulator({ respond: () => ({ content: 'Hello!' }) });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const project = (name: string, yaml: string) => writeProject(dir, name, { [`suites/${name}.yaml`]: yaml });

const oneTest = (models = 'qwen-max') =>
  `name: s\nmodels: [${models}]\ntests:\n  - { id: a, lang: en, prompt: "hi" }\n`;

describe('a run without a key', () => {
  it('is refused before any request in live and record mode, naming AIMLAPI_KEY (exit 2)', async () => {
    const d = await project('nokey', oneTest());
    for (const mode of ['live', 'record']) {
      const before = sim.stats.requests;
      const out = await runCli(['run', '--mode', mode, '--base-url', sim.url, '--no-progress'], {
        cwd: d,
        env: cleanEnv(),
      });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(
        `no API key: --mode ${mode} sends every case to the gateway. Set AIMLAPI_KEY`,
      );
      expect(sim.stats.requests).toBe(before);
    }
  });

  it('in auto mode, leaves what is not recorded a miss that names AIMLAPI_KEY, with no request', async () => {
    const d = await project('autonokey', oneTest());
    const before = sim.stats.requests;
    const out = await runCli(['run', '--mode', 'auto', '--base-url', sim.url, '--no-progress'], {
      cwd: d,
      env: cleanEnv(),
    });
    expect(out.code).toBe(3);
    expect(out.stdout).toMatch(/cassette-miss × 1: .*/);
    expect(sim.stats.requests).toBe(before);
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.cases[0]?.error?.message).toContain(
      '--mode auto records it only with a key: set AIMLAPI_KEY',
    );
  });
});

describe('a misspelt model', () => {
  it('is a warning at its position with the model it is close to; an unknown one is not', async () => {
    const d = await project('typo', oneTest('qwen-maxx, openai/gpt-4o'));
    const out = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /suites\/typo\.yaml:2:10 {2}models\[0\] {2}warning: unknown model "qwen-maxx".*\(did you mean qwen-max\?\)/,
    );
    expect(out.stderr).not.toContain('gpt-4o');
  });
});

describe('an output folder that cannot be one', () => {
  it('is refused before the first call, naming the path (exit 2)', async () => {
    const d = await project('outfile', oneTest());
    await writeFile(join(d, 'afile'), 'not a folder');
    const before = sim.stats.requests;
    const out = await runCli(
      ['run', '--mode', 'live', '--base-url', sim.url, '--no-progress', '-o', 'afile/reports'],
      { cwd: d, env: cleanEnv({ AIMLAPI_KEY: 'sk-new-user' }) },
    );
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /cannot make the output folder \S*afile\/reports: a part of the path is a file, not a folder \(ENOTDIR\)/,
    );
    expect(out.stderr).not.toContain('internal error');
    expect(sim.stats.requests).toBe(before);
  });
});

describe('comparing the two models of the shipped example', () => {
  it('compares the tests both models ran and leaves the rest out of scope, not "removed"', async () => {
    const out = await runCli(['run', '--no-progress', '--quiet', '-o', join(dir, 'shipped')], {
      cwd: repoRoot,
      env: cleanEnv(),
    });
    expect(out.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'shipped', 'report.json'), 'utf8')) as Report;
    const pairs = report.comparison?.pairs;
    expect(pairs?.removed).toBe(0);
    expect(pairs?.added).toBe(0);
    expect(pairs?.out_of_scope).toBeGreaterThan(0);
    expect(report.comparison?.warnings).toContain(
      `${pairs?.paired} test(s) ran on both qwen-max and qwen-max-2025-01-25 and are compared; ${pairs?.out_of_scope} ran on one of them only and are out of scope`,
    );
  });
});
