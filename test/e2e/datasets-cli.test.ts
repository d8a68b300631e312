/**
 * Issue 20 ("Datasets and files") through the built CLI: a failing dataset row is shown at the
 * data file's line (terminal, junit.xml, annotations, Markdown, report.json), `lang`/`id`/`tags`/
 * `name` columns set the test's fields, ids are compared in NFC, and UTF-16 files with a BOM read.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli, runLive, writeProject } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';
import { utf16 } from '../utils/utf16.js';

const key = 'sk-datasets-0123456789abcdef';
let dir: string;
let sim: Simulator;

function respond(body: SimRequestBody) {
  const text = String(body.messages.at(-1)?.content ?? '');
  return { content: `You said: ${text}`, usage: { prompt_tokens: 3, completion_tokens: 5 } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-datasets-'));
  sim = await startSimulator({ respond });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const project = (name: string, files: Record<string, string | Uint8Array>) => writeProject(dir, name, files);
const live = (cwd: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runLive(sim.url, key, cwd, extra, env);

async function report(d: string): Promise<Report> {
  return JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
}

/** A suite over a dataset: each row's `expected` must be in the echo of its `word`. */
const suiteOver = (data: string) =>
  `name: rows\nmodels: [qwen-max]\nprompts:\n  main: "say {{word}}"\ndefaults:\n  lang: en\n  assert:\n    - { type: contains, value: "{{expected}}" }\ntests: file://${data}\n`;

describe('a failing dataset row is shown at its line in the data file', () => {
  const cases: Array<[string, string, string, number]> = [
    // The first row's quoted field spans two lines, so the failing row starts on line 4.
    ['csv', 'data/cases.csv', 'id,word,expected\nok,"hello\nthere",hello\nbad,hello,goodbye\n', 4],
    [
      'jsonl',
      'data/cases.jsonl',
      '{"id":"ok","word":"hello","expected":"hello"}\n\n{"id":"bad","word":"hello","expected":"goodbye"}\n',
      3,
    ],
    [
      'yaml',
      'data/cases.yaml',
      '# rows\n- id: ok\n  word: hello\n  expected: hello\n- id: bad\n  word: hello\n  expected: goodbye\n',
      5,
    ],
  ];
  for (const [kind, data, text, line] of cases) {
    it(`${kind}: terminal, junit.xml, annotations, Markdown, HTML and report.json name ${data}:${line}`, async () => {
      const d = await project(`where-${kind}`, { 'suites/rows.yaml': suiteOver(`../${data}`), [data]: text });
      const out = await live(d, ['--format', 'json,html,junit,md'], { GITHUB_ACTIONS: 'true' });
      expect(out.code).toBe(1);
      expect(out.stdout + out.stderr).toContain(`${data}:${line}  bad`);
      expect(out.stdout).toContain(`::error file=${data},line=${line},col=`);
      expect(out.stdout + out.stderr).not.toMatch(/rows\.yaml:\d+ {2}bad/);

      const junit = await readFile(join(d, 'reports', 'junit.xml'), 'utf8');
      expect(junit).toContain(`file="${data}" line="${line}"`);
      expect(junit).toContain(`at ${data}:${line}:`);
      // The <testsuite> is still the suite file.
      expect(junit).toContain('<testsuite name="rows" file="suites/rows.yaml"');

      expect(await readFile(join(d, 'reports', 'summary.md'), 'utf8')).toContain(`${data}:${line}`);
      expect(await readFile(join(d, 'reports', 'report.html'), 'utf8')).toContain(data);

      const r = await report(d);
      const bad = r.cases.find((c) => c.test_id === 'bad')!;
      expect(bad).toMatchObject({ suite_file: 'suites/rows.yaml', data_file: data, line, status: 'fail' });
      const ok = r.cases.find((c) => c.test_id === 'ok')!;
      expect(ok.status).toBe('pass');
    });
  }

  it('a test written in the suite has no data_file', async () => {
    const d = await project('where-inline', {
      'suites/inline.yaml':
        'name: inline\nmodels: [qwen-max]\ntests:\n  - { id: a, lang: en, prompt: "one" }\n',
    });
    expect((await live(d)).code).toBe(0);
    const [c] = (await report(d)).cases;
    expect(c).not.toHaveProperty('data_file');
    expect(c).toMatchObject({ suite_file: 'suites/inline.yaml', line: 4 });
  });
});

describe('id, name, lang and tags columns set the test fields', () => {
  const suite =
    'name: langs\nmodels: [qwen-max]\nprompts:\n  main: "{{word}}, apa kabar? (lang={{lang}})"\ndefaults:\n  tags: [rows]\n  assert:\n    - { type: contains, value: "lang={{lang}}" }\ntests: file://../data/rows.csv\n';

  it('an Indonesian row with lang=id is id (not detected as ms), and the columns stay vars', async () => {
    const d = await project('fields', {
      'suites/langs.yaml': suite,
      'data/rows.csv':
        'id,name,lang,tags,word\nsalam,Salam pagi,id,"smoke;greeting",Selamat pagi\n,Greeting,en,,Good morning\n',
    });
    const out = await live(d, ['--tag', 'greeting']);
    expect(out.code).toBe(0);
    const [c, ...rest] = (await report(d)).cases;
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      id: 'langs/salam/qwen-max/main#0',
      test_id: 'salam',
      test_name: 'Salam pagi',
      lang: 'id',
      tags: ['rows', 'smoke', 'greeting'],
      status: 'pass',
    });
    // A row without an id takes its name's slug, as a test in the suite does.
    expect((await live(d, ['--filter', 'greeting'])).code).toBe(0);
    expect((await report(d)).cases.map((x) => [x.test_id, x.lang])).toEqual([['greeting', 'en']]);
  });

  it('a bad id or lang is a diagnostic at its place in the data file, exit 2', async () => {
    const d = await project('fields-bad', {
      'suites/langs.yaml': suite,
      'data/rows.csv': 'id,name,lang,tags,word\nok,,en,,hi\n"a/b",,english,,hi\n',
    });
    const out = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('data/rows.csv:3:1  id  dataset id "a/b" may not contain "/"');
    expect(out.stderr).toContain('data/rows.csv:3:8  lang  lang "english" is not a language tag');
    expect((await live(d)).code).toBe(2);
  });
});

describe('test ids in NFC', () => {
  const nfc = 'caf\u00e9';
  const nfd = 'cafe\u0301';
  const suite = (id: string) =>
    `name: ids\nmodels: [qwen-max]\ntests:\n  - { id: ${id}, lang: fr, prompt: "un café" }\n`;

  it('NFC and NFD spellings of one id are a duplicate, exit 2', async () => {
    const d = await project('nfc-dup', {
      'suites/ids.yaml': `${suite(nfc)}  - { id: ${nfd}, lang: fr, prompt: "deux" }\n`,
    });
    const out = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`suites/ids.yaml:5:11  tests[1].id  duplicate test id "${nfc}"`);
  });

  it('--resume and --baseline match a case across the two spellings', async () => {
    const d = await project('nfc-resume', { 'suites/ids.yaml': suite(nfc) });
    expect((await live(d)).code).toBe(0);
    const first = await report(d);
    expect(first.cases.map((c) => c.test_id)).toEqual([nfc]);

    // The suite re-saved by an editor that writes NFD: the finished case is kept, not re-run.
    await writeProject(dir, 'nfc-resume', { 'suites/ids.yaml': suite(nfd) });
    const calls = sim.stats.requests;
    expect((await live(d, ['--resume'])).code).toBe(0);
    expect(sim.stats.requests).toBe(calls);
    expect((await report(d)).cases.map((c) => c.id)).toEqual([`ids/${nfc}/qwen-max#0`]);

    // A baseline written before ids were NFC pairs with the NFC test.
    const old = JSON.stringify(first).replaceAll(nfc, nfd);
    await writeProject(dir, 'nfc-resume', { 'old.json': old });
    expect((await live(d, ['--baseline', 'old.json'])).code).toBe(0);
    const cmp = (await report(d)).comparison!;
    expect(cmp).toMatchObject({ added: [], removed: [] });
    expect(cmp.pairs.paired).toBe(1);
  });
});

describe('UTF-16 files', () => {
  it('runs a UTF-16 LE suite over a UTF-16 BE dataset, a failing row at its line', async () => {
    const d = await project('utf16', {
      'suites/rows.yaml': utf16(suiteOver('../data/cases.csv'), 'le'),
      'data/cases.csv': utf16('id,word,expected\nok,héllo,héllo\n\nbad,hello,goodbye\n', 'be'),
    });
    const out = await live(d);
    expect(out.code).toBe(1);
    expect(out.stdout + out.stderr).toContain('data/cases.csv:4  bad');
    const r = await report(d);
    expect(r.cases.map((c) => [c.test_id, c.status, c.line]).sort()).toEqual([
      ['bad', 'fail', 4],
      ['ok', 'pass', 2],
    ]);
  });

  it('refuses UTF-16 without a BOM, and binary, with what to do', async () => {
    const d = await project('utf16-nobom', {
      'suites/rows.yaml': utf16(suiteOver('../data/cases.csv'), 'le', false),
      'data/cases.csv': 'id,word,expected\nok,hi,hi\n',
    });
    const out = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      'suites/rows.yaml:1:1  (document)  suite file: file looks like UTF-16 LE without a byte-order mark: save it as UTF-8',
    );
    await writeProject(dir, 'utf16-nobom', {
      'suites/rows.yaml': suiteOver('../data/cases.csv'),
      'data/cases.csv': Buffer.from([0x69, 0x64, 0x0a, 0x00, 0x01, 0x02]),
    });
    const bin = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain(
      'data/cases.csv:2:1  (document)  dataset file: file is binary (contains a NUL byte)',
    );
  });
});
