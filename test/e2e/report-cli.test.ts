/**
 * Reports of a real run: the built CLI runs a multilingual suite against the loopback
 * simulator and writes every format; report.json must validate against
 * schema/report.schema.json, and `qeval report` must re-render it to the same Markdown and JUnit.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportValidator } from '../unit/report/validate-report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const ANSWERS: Record<string, string> = {
  en: 'Refunds are accepted within 30 days.',
  zh: '30天内可以退款。',
  ar: 'يمكن الاسترداد خلال 30 يومًا.',
  ja: '</script><script>alert(1)</script>',
};

const SUITE = `name: refunds
models: [qwen-max, qwen-max-2025-01-25]
params: { temperature: 0 }
tests:
  - id: refund-policy
    tags: [policy]
    prompt:
      en: "What is your refund policy?"
      zh: "你们的退款政策是什么？"
      ar: "ما هي سياسة الاسترداد لديكم؟"
      ja: "返金ポリシーは？"
    assert:
      - { type: contains, value: "30" }
      - { type: length, unit: graphemes, max: 200 }
`;

function respond(body: SimRequestBody) {
  const text = String(body.messages.at(-1)?.content ?? '');
  const lang = /[\u0600-\u06FF]/.test(text)
    ? 'ar'
    : /[\u3040-\u30FF]/.test(text)
      ? 'ja'
      : /[\u4E00-\u9FFF]/.test(text)
        ? 'zh'
        : 'en';
  return { content: ANSWERS[lang]!, usage: { prompt_tokens: 9, completion_tokens: 12 } };
}

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ respond });
  dir = await mkdtemp(join(tmpdir(), 'qeval-report-e2e-'));
  await mkdir(join(dir, 'suites'), { recursive: true });
  await writeFile(join(dir, 'suites', 'refunds.yaml'), SUITE);
});

afterAll(async () => {
  await sim?.close();
});

describe('reports of a real run', () => {
  it('writes every format; report.json validates against the published schema; qeval report re-renders it', async () => {
    const run = await runCli(
      ['run', '--mode', 'live', '--base-url', sim.url, '--no-progress', '--format', 'json,html,junit,md'],
      { cwd: dir, env: cleanEnv({ AIMLAPI_KEY: 'sk-report-e2e' }) },
    );
    // The Japanese answer has no "30": failures, so exit 1.
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(1);
    const reports = join(dir, 'reports');
    const report = JSON.parse(await readFile(join(reports, 'report.json'), 'utf8'));
    const validate = reportValidator();
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(report.cases).toHaveLength(8);

    const html = await readFile(join(reports, 'report.html'), 'utf8');
    expect(html).not.toContain('</script><script>alert(1)');
    const md = await readFile(join(reports, 'summary.md'), 'utf8');
    expect(md).toContain('| ja — Japanese |');
    const junit = await readFile(join(reports, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="refunds" file="suites\/refunds\.yaml" tests="8" failures="2"/);

    const again = join(dir, 'again');
    const rr = await runCli(['report', join(reports, 'report.json'), '--format', 'md,junit', '-o', again], {
      cwd: dir,
      env: cleanEnv(),
    });
    expect(rr.stderr).toBe('');
    expect(rr.code).toBe(0);
    expect(rr.stdout).toBe(`${join(again, 'summary.md')}\n${join(again, 'junit.xml')}\n`);
    expect(await readFile(join(again, 'summary.md'), 'utf8')).toBe(md);
    expect(await readFile(join(again, 'junit.xml'), 'utf8')).toBe(junit);
  }, 60_000);

  it('qeval report on something that is not a report exits 2 naming the file', async () => {
    const bad = join(dir, 'not-a-report.json');
    await writeFile(bad, '{"hello": "world"}');
    const r = await runCli(['report', bad], { cwd: dir, env: cleanEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
  });
});
