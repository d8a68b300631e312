/**
 * `similar` and `consistent` through the built CLI against the loopback simulator's
 * `POST /v1/embeddings`: a prompt-map test whose French answer is off topic fails `consistent`
 * naming fr in every language's case; `similar` compares with a reference and with the English
 * answer; the embeddings calls are recorded as cassette entries and replayed without the network.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const answers: Record<string, string> = {
  'refund en': 'Refunds are possible within 30 days with a receipt.',
  'refund de': 'Eine Rückerstattung ist innerhalb von 30 Tagen mit Quittung möglich.',
  'refund zh': '凭收据可在30天内退款。',
  'refund fr': 'Demain, il y aura de la pluie.',
};

const suite = `name: meaning
models: [qwen-max]
tests:
  - id: refund
    prompt:
      en: "refund en"
      de: "refund de"
      zh: "refund zh"
      fr: "refund fr"
    assert:
      - { type: consistent }
      - { type: similar, lang: en, threshold: 0.6 }
      - { type: similar, value: "You get your money back within 30 days if you show the receipt.", threshold: 0.5, weight: 0 }
`;

function respond(body: SimRequestBody) {
  const prompt = String(body.messages.at(-1)?.content ?? '');
  return { content: answers[prompt] ?? 'n/a', usage: { prompt_tokens: 5, completion_tokens: 9 } };
}

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-meaning-'));
  await mkdir(join(dir, 'suites'));
  await writeFile(join(dir, 'suites', 'meaning.yaml'), suite);
  sim = await startSimulator({ respond, latencyMs: 2 });
});

afterAll(async () => {
  await sim.close();
});

const env = cleanEnv({ AIMLAPI_KEY: 'sk-e2e-fake-key-000' });
const readReport = async () =>
  JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as Report;

describe('similar and consistent through the CLI', () => {
  it('records: fr strays, fails, and is named in each case; similar to en passes the translations', async () => {
    const r = await runCli(
      ['run', '--mode', 'record', '--base-url', sim.url, '--no-progress', '--concurrency', '1'],
      {
        cwd: dir,
        env,
      },
    );
    expect(r.code, r.stderr).toBe(1);
    const report = await readReport();
    const byLang = Object.fromEntries(report.cases.map((c) => [c.lang, c]));
    expect(Object.fromEntries(report.cases.map((c) => [c.lang, c.status]))).toEqual({
      en: 'pass',
      de: 'pass',
      zh: 'pass',
      fr: 'fail',
    });
    // The parity view shows the language that strays.
    expect(report.summary.by_lang.fr?.pass_rate).toBe(0);
    expect(report.summary.by_lang.en?.pass_rate).toBe(1);
    for (const c of report.cases) expect(c.assertions[0]!.reason).toContain('fr strays from the others');
    // similar to the English answer: the translations pass, the off-topic answer does not.
    expect(byLang.de!.assertions[1]!.pass).toBe(true);
    expect(byLang.zh!.assertions[1]!.pass).toBe(true);
    expect(byLang.fr!.assertions[1]!.pass).toBe(false);
    expect(byLang.en!.assertions[1]!.reason).toBe('this is the en answer the others are compared with');
    expect(byLang.en!.assertions[2]!.pass).toBe(true);
    expect(sim.stats.embeddings.length).toBeGreaterThan(0);
    expect(sim.stats.embeddings[0]!.model).toBe('text-embedding-3-small');
    const cassettes = join(dir, 'suites', '__cassettes__');
    const [file] = await readdir(cassettes);
    const recorded = JSON.parse(await readFile(join(cassettes, file!), 'utf8')) as {
      entries: Record<string, { request: { input?: string[] } }>;
    };
    const embeddingEntries = Object.values(recorded.entries).filter((e) => Array.isArray(e.request.input));
    expect(embeddingEntries.length).toBeGreaterThan(0);
  });

  it('replays the embeddings from the cassette, with no request to the gateway', async () => {
    const before = sim.stats.requests;
    const r = await runCli(['run', '--mode', 'replay', '--base-url', sim.url, '--no-progress'], {
      cwd: dir,
      env,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(sim.stats.requests).toBe(before);
    const report = await readReport();
    for (const c of report.cases) expect(c.assertions[0]!.reason).toContain('fr strays from the others');
  });
});
