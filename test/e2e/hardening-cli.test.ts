/**
 * The hardening items of issue 18 that the hostile-server tests do not already cover, each through
 * the built CLI: a disk that fills while the reports are written, a one-line YAML file of
 * megabytes, schemas and quotes that are wrong, display names, files from outside the suite's
 * folder, inline code reaching for the key, and an answer too long to show whole.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli, runLive, writeProject } from '../utils/cli.js';
import { filesContaining, keyForms } from '../utils/key-scan.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const key = 'sk-harden-0123456789abcdef';
const longAnswer = `${'word '.repeat(60_000)}END`;
const shoutedRussian = 'ЗДРАВСТВУЙТЕ, ИВАН! Рад вас видеть, хорошего вам дня.';
let dir: string;
let sim: Simulator;

function respond(body: SimRequestBody) {
  const text = String(body.messages.at(-1)?.content ?? '');
  const content =
    text === 'say a lot' ? longAnswer : text === 'greet Ivan' ? shoutedRussian : `You said: ${text}`;
  return { content, usage: { prompt_tokens: 3, completion_tokens: 5 } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-harden-'));
  sim = await startSimulator({ respond });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const project = (name: string, files: Record<string, string | Uint8Array>) => writeProject(dir, name, files);
const live = (cwd: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runLive(sim.url, key, cwd, extra, env);

/** A preload (`node --import`) under which every report file fills the disk part way through. */
const fullDisk = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const writeFile = fs.promises.writeFile;
fs.promises.writeFile = async (path, data, options) => {
  if (!/[.]report[.][a-z]+[.][0-9]+[.]tmp$/.test(String(path))) return writeFile(path, data, options);
  await writeFile(path, String(data).slice(0, 100), options);
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: String(path) });
};
syncBuiltinESMExports();
`;

describe('a disk that fills while the reports are written', () => {
  it('exits 2 naming the file, keeps the previous report whole, and says how to write it again', async () => {
    const d = await project('full', {
      'suites/full.yaml': 'name: full\nmodels: [qwen-max]\ntests:\n  - { id: a, lang: en, prompt: "one" }\n',
    });
    expect((await live(d)).code).toBe(0);
    const before = await readFile(join(d, 'reports', 'report.json'), 'utf8');
    const callsBefore = sim.stats.requests;

    const out = await live(d, [], {
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(fullDisk)}`,
    });
    expect(out.code).toBe(2);
    expect(out.stderr).not.toContain('internal error');
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stderr).toMatch(/cannot write \S+reports\/report\.(json|html): the disk is full \(ENOSPC\)/);
    expect(out.stderr).toMatch(/The 1 result\(s\) of this run are kept in \S+results\.jsonl/);
    expect(out.stderr).toContain('--resume');
    expect(await readFile(join(d, 'reports', 'report.json'), 'utf8')).toBe(before);
    expect((await readdir(join(d, 'reports'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(sim.stats.requests).toBe(callsBefore + 1);

    // What the message says to do: --resume writes the reports and calls nothing.
    const resumed = await live(d, ['--resume']);
    expect(resumed.code).toBe(0);
    expect(sim.stats.requests).toBe(callsBefore + 1);
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.run.id).not.toBe((JSON.parse(before) as Report).run.id);
  });
});

describe('suite files that are wrong', () => {
  it('refuses a json-schema assertion whose schema is invalid, and an unclosed quote where it opened', async () => {
    const d = await project('wrong', {
      'suites/schema.yaml': [
        'name: schema',
        'models: [qwen-max]',
        'tests:',
        '  - id: a',
        '    prompt: "hello"',
        '    assert:',
        '      - { type: json-schema, value: { type: 12 } }',
        '',
      ].join('\n'),
      'suites/quote.yaml':
        'name: quote\nmodels: [qwen-max]\ntests:\n  - { id: a, prompt: "hello }\n  - { id: b, prompt: x }\n',
    });
    const out = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /suites\/schema\.yaml:7:\d+ +tests\[0\]\.assert\[0\]\.value +json-schema: the value is not a valid JSON Schema/,
    );
    expect(out.stderr).toMatch(/suites\/quote\.yaml:\d+:\d+ .*unclosed quote opened at 4:22/);
  });

  it('validates a one-line flow-style YAML file of 6 MB in bounded memory', async () => {
    const tests = Array.from(
      { length: 40_000 },
      (_, i) =>
        `{id: t${i}, lang: en, prompt: "question number ${i} about the refund policy, in one line please"}`,
    );
    const d = await project('oneline', {
      'suites/big.yaml': `{name: big, models: [qwen-max], tests: [${tests.join(', ')}]}\n`,
    });
    expect((await readFile(join(d, 'suites', 'big.yaml'))).length).toBeGreaterThan(4_000_000);
    const rssFile = join(d, 'peak-rss');
    const hook = `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));`;
    const out = await runCli(['validate'], {
      cwd: d,
      env: cleanEnv({ NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(hook)}` }),
      timeoutMs: 120_000,
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/40,?000 tests/);
    expect(Number(await readFile(rssFile, 'utf8'))).toBeLessThan(300 * 1024 * 1024);
  }, 150_000);
});

describe('what a suite may say and reach', () => {
  it('takes any display name: ids use its slug, the report keeps the name', async () => {
    const d = await project('named', {
      'suites/named.yaml':
        'name: "Support bot — Arabic"\nmodels: [qwen-max]\ntests:\n  - { id: hello, lang: en, prompt: "hi" }\n',
    });
    const out = await live(d);
    expect(out.code).toBe(0);
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.cases[0]?.id).toBe('support-bot-arabic/hello/qwen-max#0');
    expect(report.run.suites).toEqual([
      { name: 'support-bot-arabic', file: 'suites/named.yaml', title: 'Support bot — Arabic' },
    ]);
    expect(await readFile(join(d, 'reports', 'report.html'), 'utf8')).toContain('Support bot — Arabic');
  });

  it("warns for a file:// prompt outside the suite's folder, naming the path", async () => {
    const outside = join(dir, 'outside-prompt.txt');
    await writeFile(outside, 'a prompt kept elsewhere');
    const d = await project('outside', {
      'suites/outside.yaml': `name: outside\nmodels: [qwen-max]\ntests:\n  - { id: a, lang: en, prompt: "file://${outside}" }\n`,
    });
    const out = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/suites\/outside\.yaml:4:\d+ .*warning/);
    expect(out.stderr).toContain(`is outside the suite's folder`);
    expect(out.stderr).toContain('outside-prompt.txt');
  });

  it('runs inline javascript without the key in its reach', async () => {
    const d = await project('sandbox', {
      'suites/sandbox.yaml': [
        'name: sandbox',
        'models: [qwen-max]',
        'tests:',
        '  - id: escape',
        '    lang: en',
        '    prompt: "hi"',
        '    assert:',
        `      - { type: javascript, value: "this.constructor.constructor('return process')().env.AIMLAPI_KEY" }`,
        '  - id: env',
        '    lang: en',
        '    prompt: "hi again"',
        '    assert:',
        `      - { type: javascript, value: "typeof process === 'undefined' ? 'no process' : process.env.AIMLAPI_KEY" }`,
        '',
      ].join('\n'),
    });
    const out = await live(d);
    expect(out.code).toBe(3);
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    const reason = (id: string) => report.cases.find((c) => c.test_id === id)?.assertions[0]?.reason ?? '';
    expect(reason('escape')).toMatch(/Code generation from strings disallowed/);
    expect(reason('env')).toContain('"no process"');
    expect(JSON.stringify(report)).not.toContain(key);
    for (const form of keyForms(key)) expect((await filesContaining(d, form)).leaking).toEqual([]);
  });
});

describe('an answer too long to show whole', () => {
  it('is cut in report.html with a note, and kept whole in results.jsonl and report.json', async () => {
    const d = await project('long', {
      'suites/long.yaml':
        'name: long\nmodels: [qwen-max]\ntests:\n  - { id: a, lang: en, prompt: "say a lot" }\n',
    });
    const out = await live(d);
    expect(out.code).toBe(0);
    const html = await readFile(join(d, 'reports', 'report.html'), 'utf8');
    expect(html).toContain('more characters: the whole text is in report.json and results.jsonl');
    expect(html).not.toContain('END');
    const line = (await readFile(join(d, 'reports', 'results.jsonl'), 'utf8')).trim();
    expect((JSON.parse(line) as { response: { output: string } }).response.output).toBe(longAnswer);
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.cases[0]?.response?.output).toBe(longAnswer);
  });
});

describe('a retired model', () => {
  it('ends its cases with exit 3 and a summary that groups them by cause with the next step', async () => {
    const retired = await startSimulator({
      respond,
      faults: [{ kind: '404-model', match: (b) => b.model === 'qwen-max-2024-09-19' }],
    });
    try {
      const tests = Array.from(
        { length: 6 },
        (_, i) => `  - { id: t${i}, lang: en, prompt: "question ${i}" }`,
      );
      const d = await project('retired', {
        'suites/retired.yaml': `name: retired\nmodels: [qwen-max-2024-09-19]\ntests:\n${tests.join('\n')}\n`,
      });
      const out = await runCli(['run', '--mode', 'live', '--base-url', retired.url, '--no-progress'], {
        cwd: d,
        env: cleanEnv({ AIMLAPI_KEY: key }),
      });
      expect(out.code).toBe(3);
      expect(out.stdout).toMatch(/errors \(6\), by cause:/);
      expect(out.stdout).toMatch(/retired-model × 6: model "qwen-max-2024-09-19" is not available/);
      expect(out.stdout).toMatch(/→ the model is gone: choose another with -m/);
    } finally {
      await retired.close();
    }
  });
});

describe('language identification', () => {
  it('reads an upper-cased Russian greeting as Russian, not Ukrainian', async () => {
    const d = await project('shout', {
      'suites/shout.yaml':
        'name: shout\nmodels: [qwen-max]\ntests:\n  - id: a\n    lang: ru\n    prompt: "greet Ivan"\n    assert: [{ type: language, value: ru }]\n',
    });
    const out = await live(d);
    expect(out.code).toBe(0);
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.cases[0]?.response?.output).toBe(shoutedRussian);
    expect(report.cases[0]?.status).toBe('pass');
  });
});
