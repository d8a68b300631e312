/**
 * `qeval judge-check` through the built CLI against the loopback simulator. One rubric's grader
 * answers pass or fail at random (seeded, per sample), the other judges by the answer alone. The
 * run records the first grading; judge-check records four more (their own cassette entries), flags
 * the noisy rubric and not the stable one, in judge-check.json and report.html; a replay gives the
 * same numbers without a request.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeCheck } from '../../src/contracts/judge-check.js';
import type { Report } from '../../src/contracts/report.js';
import { reportValidator } from '../unit/report/validate-report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const answers: Record<string, string> = {
  en: 'You can get a refund within 30 days.',
  de: 'Eine Rückerstattung ist möglich.',
  fr: 'Remboursement possible sous 30 jours.',
  es: 'Puede pedir un reembolso.',
  ja: '30日以内に返金できます。',
  zh: '可以退款。',
  ar: 'يمكنك استرداد المبلغ خلال 30 يومًا.',
  hi: 'आप धनवापसी पा सकते हैं।',
};

const suite = `name: judged
models: [qwen-max]
tests:
  - id: refund
    prompt:
${Object.keys(answers)
  .map((lang) => `      ${lang}: "refund ${lang}"`)
  .join('\n')}
    assert:
      - { type: llm-rubric, name: stable, value: "STABLE: the answer names the time limit" }
      - { type: llm-rubric, name: noisy, value: "NOISY: the answer sounds warm" }
`;

/** How often each grader prompt was seen: the noisy grader's coin depends on it (and nothing else). */
const seen = new Map<string, number>();

function respond(body: SimRequestBody) {
  const usage = { prompt_tokens: 5, completion_tokens: 9 };
  const prompt = String(body.messages.at(-1)?.content ?? '');
  if (!body.response_format) return { content: answers[prompt.replace('refund ', '')] ?? 'n/a', usage };
  let pass: boolean;
  if (prompt.includes('NOISY')) {
    const n = (seen.get(prompt) ?? 0) + 1;
    seen.set(prompt, n);
    pass = createHash('sha256').update(`${prompt}#${n}`).digest()[0]! % 2 === 0;
  } else {
    // Stable: passes exactly the answers that name the 30 days.
    pass = Object.values(answers).some((a) => a.includes('30') && prompt.includes(a));
  }
  return { content: JSON.stringify({ pass, score: pass ? 1 : 0, reason: pass ? 'yes' : 'no' }), usage };
}

let sim: Simulator;
let dir: string;
const key = { AIMLAPI_KEY: 'sk-e2e-fake-key-000' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-judge-'));
  await mkdir(join(dir, 'suites'));
  await writeFile(join(dir, 'suites', 'judged.yaml'), suite);
  sim = await startSimulator({ respond, latencyMs: 1 });
});

afterAll(async () => {
  await sim.close();
});

const readJson = async <T>(file: string) =>
  JSON.parse(await readFile(join(dir, 'reports', file), 'utf8')) as T;
const byName = (jc: JudgeCheck) => Object.fromEntries(jc.assertions.map((a) => [a.name, a]));

describe('qeval judge-check', () => {
  it('flags the noisy rubric and not the stable one; report.html says so', async () => {
    const run = await runCli(['run', '--mode', 'record', '--base-url', sim.url, '--no-progress'], {
      cwd: dir,
      env: cleanEnv(key),
    });
    expect([0, 1], run.stderr).toContain(run.code);
    const before = sim.stats.requests;
    const r = await runCli(
      ['judge-check', 'reports/report.json', '--samples', '5', '--mode', 'auto', '--base-url', sim.url],
      { cwd: dir, env: cleanEnv(key) },
    );
    expect(r.code, r.stderr).toBe(0);
    // Sample 0 replays the run's own gradings; samples 1–4 are new calls: 4 × 8 answers × 2 rubrics.
    expect(sim.stats.requests - before).toBe(4 * 8 * 2);
    const jc = await readJson<JudgeCheck>('judge-check.json');
    const { stable, noisy } = byName(jc);
    expect(stable!.self[0]).toMatchObject({ model: 'qwen-max', method: 'fleiss', kappa: 1, items: 8 });
    expect(stable!.flagged).toBe(false);
    expect(noisy!.self[0]!.kappa).toBeLessThan(0.8);
    expect(noisy!.flagged).toBe(true);
    expect(jc.languages.map((l) => l.lang).sort()).toEqual(Object.keys(answers).sort());
    expect(r.stdout).toContain('this rubric is noise');
    expect(r.stdout).toContain('judged › refund › noisy');
    const md = await readFile(join(dir, 'reports', 'judge-check.md'), 'utf8');
    // The numbers the README quotes.
    expect(md).toContain('| judged › refund › stable | qwen-max | 1.00 [1.00, 1.00] |');
    expect(md).toContain('| judged › refund › noisy | qwen-max | -0.04 [-0.20, 0.10] |');
    const report = await readJson<Report>('report.json');
    expect(report.judge_check?.assertions).toHaveLength(2);
    const validate = reportValidator();
    validate(report);
    expect(validate.errors ?? []).toEqual([]);
    const html = await readFile(join(dir, 'reports', 'report.html'), 'utf8');
    expect(html).toContain('Judge check');
    expect(html).toMatch(/this rubric is noise<\/span> <strong>judged › refund › noisy/);
    expect(html).not.toMatch(/this rubric is noise<\/span> <strong>judged › refund › stable/);
  });

  it('replays every sample from the cassettes, no key and no request, with the same numbers', async () => {
    const first = await readJson<JudgeCheck>('judge-check.json');
    const before = sim.stats.requests;
    const r = await runCli(['judge-check', 'reports/report.json', '--samples', '5', '--base-url', sim.url], {
      cwd: dir,
      env: cleanEnv(),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(sim.stats.requests).toBe(before);
    expect(await readJson<JudgeCheck>('judge-check.json')).toEqual(first);
  });

  it('a sample never recorded is a replay miss: those answers are left out, said, and exit 3', async () => {
    const r = await runCli(
      ['judge-check', 'reports/report.json', '--samples', '6', '-o', 'reports/six', '--base-url', sim.url],
      { cwd: dir, env: cleanEnv() },
    );
    expect(r.code, r.stderr).toBe(3);
    const jc = JSON.parse(
      await readFile(join(dir, 'reports', 'six', 'judge-check.json'), 'utf8'),
    ) as JudgeCheck;
    expect(jc.errors).toBe(16);
    expect(r.stdout).toContain('16 graded answer(s) left out');
  });

  it('refuses --samples below 2 and a sending mode without a key', async () => {
    const one = await runCli(['judge-check', 'reports/report.json', '--samples', '1'], {
      cwd: dir,
      env: cleanEnv(),
    });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('--samples must be an integer ≥ 2');
    const live = await runCli(['judge-check', 'reports/report.json', '--mode', 'live'], {
      cwd: dir,
      env: cleanEnv(),
    });
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('AIMLAPI_KEY');
  });
});
