/**
 * Languages the detector cannot identify, through the built CLI (issue 20): `qeval validate`
 * warns at the value that names one and exits 0; a live run against the loopback simulator ends
 * such a case as an evaluation error, while Russian (once read as Bulgarian) and Swahili (which
 * eld lacks) pass.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

/** What the model answers, by the prompt's first word. */
const answers: Record<string, string> = {
  ru: 'Здравствуйте, Иван, ваш заказ уже отправлен.',
  sw: 'Habari yako? Mimi ni mwalimu na ninafundisha watoto shuleni kila siku.',
  km: 'សួស្តី លោកអ៊ីវ៉ាន ការបញ្ជាទិញរបស់លោកត្រូវបានផ្ញើហើយ។',
  my: 'မင်္ဂလာပါ အိုင်ဗန် သင့်အော်ဒါကို ပို့ပြီးပါပြီ။',
};

const suite = `name: lang
models: [qwen-max]
tests:
  - id: ru
    prompt: ru order
    assert:
      - { type: language, value: ru }
  - id: sw
    lang: sw
    prompt: sw order
    assert:
      - { type: language }
  - id: km
    prompt: km order
    assert:
      - { type: language, value: [en, km] }
  - id: my
    lang: my-MM
    prompt: my order
    assert:
      - { type: language }
`;

function respond(body: SimRequestBody) {
  const word = String(body.messages.at(-1)?.content ?? '').split(' ')[0] ?? '';
  return { content: answers[word] ?? 'Hello!', usage: { prompt_tokens: 5, completion_tokens: 9 } };
}

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-lang-'));
  await mkdir(join(dir, 'suites'));
  await writeFile(join(dir, 'suites', 'lang.yaml'), suite);
  sim = await startSimulator({ respond, latencyMs: 2 });
});

afterAll(async () => {
  await sim.close();
});

describe('languages the detector cannot identify', () => {
  it('validate warns at the value or lang naming one, with file:line:col, and exits 0', async () => {
    const r = await runCli(['validate'], { cwd: dir, env: cleanEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 tests: OK \(2 warnings\)/);
    expect(r.stderr).toContain(
      'suites/lang.yaml:16:39  tests[2].assert[0].value[1]  warning: language: cannot identify Khmer (km): the language detector does not know it',
    );
    expect(r.stderr).toContain(
      'suites/lang.yaml:18:11  tests[3].lang  warning: language: cannot identify Burmese (my)',
    );
    expect(r.stderr).toContain('README.md, "Languages the detector identifies"');
    // Russian and Swahili are identified: no warning names them.
    expect(r.stderr).not.toMatch(/\((ru|sw)\)/);
  });

  it('a live run ends those cases as errors, not fails; Russian and Swahili pass (exit 3)', async () => {
    const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: dir,
      env: cleanEnv({ AIMLAPI_KEY: 'sk-e2e-fake-key-000' }),
    });
    expect(r.code).toBe(3);
    const report = JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as Report;
    const status = Object.fromEntries(report.cases.map((c) => [c.test_id, c.status]));
    expect(status).toEqual({ ru: 'pass', sw: 'pass', km: 'error', my: 'error' });
    const km = report.cases.find((c) => c.test_id === 'km')!;
    expect(km.error!.kind).toBe('assertion');
    expect(km.error!.message).toMatch(/cannot identify Khmer \(km\): the language detector does not know it/);
    const my = report.cases.find((c) => c.test_id === 'my')!;
    expect(my.error!.message).toMatch(/cannot identify Burmese \(my\)/);
    expect(report.summary.failed).toBe(0);
    expect(r.stdout).toMatch(/cannot identify Khmer \(km\)/);
  });
});
