/**
 * The built CLI against a gateway that misbehaves on purpose: answers that never end or are too
 * large, and answers that echo the key back in other encodings. Memory stays bounded (the
 * child's peak RSS), every case ends with a reason, and no file holds the key in any form.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { filesContaining, keyForms } from '../utils/key-scan.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const key = 'sk-hostile-0123456789abcdef';
let dir: string;
let sim: Simulator;

/** Echoes the key back in the form the prompt names, in the answer and its inference id. */
/** Clears the screen, sets the title, hides a link and queries the terminal (ESC, OSC, DCS). */
const terminalAttack =
  '\u001b[2J\u001b]0;pwned\u0007 \u001b]8;;https://evil.test\u001b\\click\u001b]8;;\u001b\\ \u001bP+q544e\u001b\\ \u009b31m\r';

function respond(body: SimRequestBody) {
  const text = String(body.messages.at(-1)?.content ?? '');
  if (text === 'draw on the terminal')
    return { content: terminalAttack, usage: { prompt_tokens: 3, completion_tokens: 5 } };
  const form = text.replace('echo ', '');
  const encoded =
    form === 'url'
      ? encodeURIComponent(`${key}/+`)
      : form === 'base64'
        ? Buffer.from(`user:${key}`).toString('base64')
        : form === 'base64url'
          ? Buffer.from(`x${key}`).toString('base64url')
          : key;
  return { content: `Here it is: ${encoded}.`, usage: { prompt_tokens: 3, completion_tokens: 5 } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-hostile-'));
  sim = await startSimulator({
    respond,
    inferenceId: (body) => `inf-${String(body.messages.at(-1)?.content).includes('plain') ? key : 'x'}`,
    faults: [
      { kind: 'endless-sse', match: (b) => b.messages.at(-1)?.content === 'endless sse' },
      { kind: 'endless-line', match: (b) => b.messages.at(-1)?.content === 'endless line' },
      { kind: 'huge-body', match: (b) => b.messages.at(-1)?.content === 'huge body' },
    ],
  });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function project(name: string, yaml: string): Promise<string> {
  const d = join(dir, name);
  await mkdir(join(d, 'suites'), { recursive: true });
  await writeFile(join(d, 'suites', `${name}.yaml`), yaml);
  return d;
}

/** Runs the CLI with a hook that writes the process's peak RSS (bytes) to a file at exit. */
async function runMeasured(args: string[], cwd: string) {
  const rssFile = join(cwd, 'peak-rss');
  const hook = `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));`;
  const result = await runCli(args, {
    cwd,
    env: cleanEnv({
      AIMLAPI_KEY: key,
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(hook)}`,
    }),
    timeoutMs: 120_000,
  });
  const peakRss = Number(await readFile(rssFile, 'utf8'));
  return { ...result, peakRss };
}

describe('answers that never end or are too large', () => {
  it('ends each case as an error with the reason, in bounded memory', async () => {
    const d = await project(
      'hostile',
      // Each test names its language: detecting it would load the language detector's tables,
      // which alone take most of the budget and are not what this test measures.
      `name: hostile
models: [qwen-max]
tests:
  - { id: sse, lang: en, prompt: "endless sse", params: { stream: true } }
  - { id: line, lang: en, prompt: "endless line", params: { stream: true } }
  - { id: body, lang: en, prompt: "huge body" }
  - { id: fine, lang: en, prompt: "echo nothing", assert: [{ type: contains, value: "Here" }] }
`,
    );
    const { code, stdout, stderr, peakRss } = await runMeasured(
      ['run', '--mode', 'live', '--base-url', sim.url, '--no-progress', '--retries', '0', '-j', '4'],
      d,
    );
    expect(stderr).not.toContain('internal error');
    expect(code).toBe(3);
    expect(`${stdout}${stderr}`).not.toContain('\u001b');
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    const byTest = new Map(report.cases.map((c) => [c.test_id, c]));
    for (const id of ['sse', 'line', 'body']) {
      expect(byTest.get(id)?.status).toBe('error');
      expect(byTest.get(id)?.error?.kind).toBe('too-large');
    }
    expect(byTest.get('line')?.error?.message).toContain('1 MB');
    expect(byTest.get('body')?.error?.message).toContain('max_response_bytes (8 MB)');
    expect(byTest.get('fine')?.status).toBe('pass');
    // Each hostile answer is cut at 8 MB; the process stays far below what they would cost.
    expect(peakRss).toBeLessThan(300 * 1024 * 1024);
  });
});

describe('the key echoed back in other forms', () => {
  it('is written into no report, results file or cassette, and replay agrees with the recording', async () => {
    const d = await project(
      'echo',
      `name: echo
models: [qwen-max]
tests:
  - { id: plain, prompt: "echo plain" }
  - { id: url, prompt: "echo url" }
  - { id: b64, prompt: "echo base64" }
  - { id: b64url, prompt: "echo base64url" }
`,
    );
    const formats = ['--format', 'json,html,junit,md'];
    const rec = await runCli(
      ['run', '--mode', 'record', '--base-url', sim.url, '--no-progress', ...formats],
      {
        cwd: d,
        env: cleanEnv({ AIMLAPI_KEY: key }),
      },
    );
    expect(rec.stderr).not.toContain('internal error');
    expect(rec.code).toBe(0);
    const recorded = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    const rep = await runCli(['run', '--no-progress', '-o', 'replayed', ...formats], { cwd: d });
    expect(rep.code).toBe(0);
    const replayed = JSON.parse(await readFile(join(d, 'replayed', 'report.json'), 'utf8')) as Report;
    const outputs = (r: Report) => Object.fromEntries(r.cases.map((c) => [c.test_id, c.response?.output]));
    expect(outputs(replayed)).toEqual(outputs(recorded));
    expect(recorded.cases.every((c) => c.response?.output.includes('[REDACTED]'))).toBe(true);
    for (const form of keyForms(key)) {
      const { scanned, leaking } = await filesContaining(d, form);
      expect(scanned.length).toBeGreaterThan(8);
      expect(leaking, `the key as ${JSON.stringify(form)}`).toEqual([]);
    }
    expect(`${rec.stdout}${rec.stderr}${rep.stdout}${rep.stderr}`).not.toContain(key);
  });
});

describe('what a model writes reaches the terminal as text', () => {
  it('prints no control character from an answer, a reason or an annotation', async () => {
    const d = await project(
      'ansi',
      `name: ansi
models: [qwen-max]
tests:
  - { id: draw, prompt: "draw on the terminal", assert: [{ type: equals, value: "hello" }] }
`,
    );
    const out = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: d,
      env: cleanEnv({ AIMLAPI_KEY: key, GITHUB_ACTIONS: 'true' }),
    });
    expect(out.code).toBe(1);
    const printed = `${out.stdout}${out.stderr}`;
    expect(printed).toContain('::error file=suites/ansi.yaml');
    expect(printed).toContain('␛]0;pwned');
    expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('refuses a test id with a control character, at its position', async () => {
    const d = await project('badid', 'name: badid\ntests:\n  - { id: "a\\u001b[2Jb", prompt: hi }\n');
    const out = await runCli(['validate'], { cwd: d });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/suites\/badid\.yaml:3:\d+ {2}tests\[0\]\.id/);
    expect(`${out.stdout}${out.stderr}`).not.toContain('\u001b');
  });
});

describe('a cassette that cannot be written', () => {
  it("keeps the run's reports and says where the recorded answers are (exit 2)", async () => {
    const d = await project(
      'nowrite',
      'name: nowrite\nmodels: [qwen-max]\ntests:\n  - { id: a, lang: en, prompt: "echo plain" }\n',
    );
    // A cassette folder that cannot be made (as on a full or read-only disk): reading finds no
    // cassette there, writing it at the end fails.
    const out = await runCli(
      [
        'run',
        '--mode',
        'record',
        '--base-url',
        sim.url,
        '--no-progress',
        '--cassettes',
        '/proc/qeval-no-cassettes',
      ],
      { cwd: d, env: cleanEnv({ AIMLAPI_KEY: key }) },
    );
    expect(out.code).toBe(2);
    expect(out.stderr).not.toContain('internal error');
    expect(out.stderr).toMatch(/cannot write \/proc\/qeval-no-cassettes\/nowrite\.json: /);
    expect(out.stderr).toMatch(
      /The 1 answer\(s\) this run recorded are kept in .*results\.jsonl and report\.json/,
    );
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.cases).toHaveLength(1);
  });
});
