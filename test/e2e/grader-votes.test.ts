/**
 * Graders that vote, through the built CLI against the loopback simulator: three graders judge
 * one answer and one of them dissents. `majority` passes, `all` fails, and report.json and
 * report.html show each grader's verdict, score and reason; each grader call is its own
 * cassette entry.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeCheck } from '../../src/contracts/judge-check.js';
import type { Report } from '../../src/contracts/report.js';
import { reportValidator } from '../unit/report/validate-report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const graders = ['qwen-max', 'gpt-4o', 'deepseek-chat'];

const suite = `name: votes
models: [qwen-max]
grader:
  models: [${graders.join(', ')}]
  vote: majority
tests:
  - id: greet
    prompt: "Say hello"
    assert:
      - { type: llm-rubric, value: "A friendly greeting" }
      - type: llm-rubric
        name: unanimous
        value: "A friendly greeting"
        grader: { models: [${graders.join(', ')}], vote: all }
`;

/** The dissenter: deepseek-chat fails every answer, the other graders pass it. */
function respond(body: SimRequestBody) {
  const usage = { prompt_tokens: 5, completion_tokens: 9 };
  if (!body.response_format) return { content: 'Hello there!', usage };
  const verdict =
    body.model === 'deepseek-chat'
      ? { pass: false, score: 0.2, reason: 'too curt for a greeting' }
      : { pass: true, score: 0.9, reason: `${body.model} finds it friendly` };
  return { content: JSON.stringify(verdict), usage };
}

let sim: Simulator;
let dir: string;
const env = cleanEnv({ AIMLAPI_KEY: 'sk-e2e-fake-key-000' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-votes-'));
  await mkdir(join(dir, 'suites'));
  await writeFile(join(dir, 'suites', 'votes.yaml'), suite);
  sim = await startSimulator({ respond, latencyMs: 2 });
});

afterAll(async () => {
  await sim.close();
});

describe('graders that vote, through the CLI', () => {
  it('majority passes over one dissenter, all fails; each verdict is in report.json and report.html', async () => {
    const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: dir,
      env,
    });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as Report;
    const validate = reportValidator();
    validate(report);
    expect(validate.errors ?? []).toEqual([]);
    const [majority, all] = report.cases[0]!.assertions;
    expect(majority).toMatchObject({ pass: true, vote: 'majority' });
    expect(majority!.reason).toContain('2 of 3 grader(s) pass');
    expect(all).toMatchObject({ pass: false, vote: 'all', name: 'unanimous' });
    expect(majority!.graders).toEqual([
      { model: 'qwen-max', pass: true, score: 0.9, reason: 'qwen-max finds it friendly' },
      { model: 'gpt-4o', pass: true, score: 0.9, reason: 'gpt-4o finds it friendly' },
      { model: 'deepseek-chat', pass: false, score: 0.2, reason: 'too curt for a greeting' },
    ]);
    // One answer, then three grader calls per assertion.
    expect(
      sim.stats.bodies
        .filter((b) => b.response_format)
        .map((b) => b.model)
        .sort(),
    ).toEqual([...graders, ...graders].sort());
    const html = await readFile(join(dir, 'reports', 'report.html'), 'utf8');
    expect(html).toContain('too curt for a greeting');
    expect(html).toContain('↳ grader');
  });

  it('records each grader call as its own cassette entry', async () => {
    const r = await runCli(['run', '--mode', 'record', '--base-url', sim.url, '--no-progress'], {
      cwd: dir,
      env,
    });
    expect(r.code, r.stderr).toBe(1);
    const cassettes = join(dir, 'suites', '__cassettes__');
    const [file] = await readdir(cassettes);
    const recorded = JSON.parse(await readFile(join(cassettes, file!), 'utf8')) as {
      entries: Record<string, { request: { model: string; response_format?: unknown } }>;
    };
    const graderModels = Object.values(recorded.entries)
      .filter((e) => e.request.response_format)
      .map((e) => e.request.model);
    // The two assertions send the same prompt to the same grader: one entry per grader model.
    expect(graderModels.sort()).toEqual([...graders].sort());
  });
});

describe('judge-check on a vote', () => {
  it("measures the graders' agreement: the dissenter makes Fleiss' kappa negative, none is noise", async () => {
    const r = await runCli(
      ['judge-check', 'reports/report.json', '--samples', '3', '--mode', 'auto', '--base-url', sim.url],
      { cwd: dir, env },
    );
    expect(r.code, r.stderr).toBe(0);
    const jc = JSON.parse(await readFile(join(dir, 'reports', 'judge-check.json'), 'utf8')) as JudgeCheck;
    const [majority] = jc.assertions;
    expect(majority!.self.map((s) => [s.model, s.kappa, s.observed])).toEqual(
      graders.map((m) => [m, null, 1]),
    );
    // Every answer: two pass, one fails: P = 1/3, expected 5/9, kappa = -0.5.
    expect(majority!.between).toMatchObject({ method: 'fleiss', items: 3 });
    expect(majority!.between!.kappa).toBeCloseTo(-0.5, 10);
    expect(majority!.flagged).toBe(false);
  });
});

describe('validate: a grader block', () => {
  it('refuses model with models, vote without models, and an unknown vote, at file:line:col', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'qeval-e2e-votes-bad-'));
    await mkdir(join(bad, 'suites'));
    await writeFile(
      join(bad, 'suites', 'bad.yaml'),
      `grader:
  model: qwen-max
  models: [qwen-max, gpt-4o]
tests:
  - prompt: hi
    assert:
      - { type: llm-rubric, value: ok, grader: { vote: all } }
      - { type: llm-rubric, value: ok, grader: { models: [gpt-4o], vote: most } }
`,
    );
    const r = await runCli(['validate'], { cwd: bad, env });
    expect(r.code).toBe(2);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/bad\.yaml:3:\d+.*not both/);
    expect(out).toMatch(/bad\.yaml:7:\d+.*`vote` needs `models`/);
    expect(out).toMatch(/bad\.yaml:8:\d+.*(majority|must be one of)/);
  });
});
