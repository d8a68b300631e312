/**
 * `locale-format` through the built CLI against the loopback simulator: one test with a prompt
 * map, each language answered once the way its locale writes numbers, dates and amounts and once
 * (the `wrong` test) with English conventions; the report carries each case's verdict and reason.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

/** Answers by the prompt's first two words (test, language). */
const answers: Record<string, string> = {
  'right de': 'Am 14.03.2024 kostete es 1.234,50 €.',
  'right fr': 'Le 14/03/2024, cela coûtait 1 234,50 €.',
  'right ja': '2024年3月14日の価格は¥1,235でした。',
  'right ar': 'في ١٤/٠٣/٢٠٢٤ كان السعر ١٬٢٣٤٫٥٠ €',
  'wrong de': 'Am 03/14/2024 kostete es €1,234.50.',
  'wrong fr': 'Le 03/14/2024, cela coûtait €1,234.50.',
  'wrong ja': '14.03.2024の価格は1.235¥でした。',
  'wrong ar': 'في 14/03/2024 كان السعر 1,234.50 €',
};

const prompts = (test: string) =>
  ['de', 'fr', 'ja', 'ar'].map((l) => `      ${l}: "${test} ${l} price"`).join('\n');

const suite = `name: formats
models: [qwen-max]
tests:
  - id: right
    prompt:
${prompts('right')}
    assert:
      - { type: locale-format, value: [number, date, currency], currency: [EUR, JPY] }
  - id: wrong
    prompt:
${prompts('wrong')}
    assert:
      - { type: locale-format, currency: [EUR, JPY] }
  - id: native
    lang: ar
    prompt: "right ar price"
    assert:
      - { type: locale-format, value: number, digits: native }
`;

function respond(body: SimRequestBody) {
  const words = String(body.messages.at(-1)?.content ?? '').split(' ');
  return {
    content: answers[`${words[0]} ${words[1]}`] ?? 'n/a',
    usage: { prompt_tokens: 5, completion_tokens: 9 },
  };
}

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-locale-'));
  await mkdir(join(dir, 'suites'));
  await writeFile(join(dir, 'suites', 'formats.yaml'), suite);
  sim = await startSimulator({ respond, latencyMs: 2 });
});

afterAll(async () => {
  await sim.close();
});

describe('locale-format through the CLI', () => {
  it('validate accepts the options and refuses an unknown kind at its line', async () => {
    expect((await runCli(['validate'], { cwd: dir, env: cleanEnv() })).code).toBe(0);
    const bad = join(dir, 'bad');
    await mkdir(join(bad, 'suites'), { recursive: true });
    await writeFile(
      join(bad, 'suites', 'bad.yaml'),
      'tests:\n  - prompt: hi\n    lang: de\n    assert:\n      - { type: locale-format, value: time }\n',
    );
    const r = await runCli(['validate'], { cwd: bad, env: cleanEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5:\d+/);
  });

  it('passes each language written its own way and fails the English-formatted ones, saying why', async () => {
    const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: dir,
      env: cleanEnv({ AIMLAPI_KEY: 'sk-e2e-fake-key-000' }),
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as Report;
    const verdicts = Object.fromEntries(report.cases.map((c) => [`${c.test_id}/${c.lang}`, c.status]));
    expect(verdicts).toEqual({
      'right/de': 'pass',
      'right/fr': 'pass',
      'right/ja': 'pass',
      'right/ar': 'pass',
      'wrong/de': 'fail',
      'wrong/fr': 'fail',
      'wrong/ja': 'fail',
      'wrong/ar': 'pass',
      'native/ar': 'pass',
    });
    const reason = (id: string) =>
      report.cases.find((c) => `${c.test_id}/${c.lang}` === id)!.assertions[0]!.reason;
    expect(reason('right/ja')).toBe('1 number, 1 date, 1 amount written as ja writes them');
    expect(reason('wrong/de')).toContain('"03/14/2024" is not how de writes a date (14.03.2024)');
    expect(reason('wrong/de')).toContain('"€" before the amount; de writes 1.234,50 €');
    expect(reason('wrong/ja')).toContain('"¥" after the amount; ja writes ￥1,235');
  });
});
