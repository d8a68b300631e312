/**
 * `qeval run` end to end: the built CLI as a process against the loopback simulator — exit codes,
 * record → replay, Ctrl-C then --resume, shards merged, progress on and off a TTY, annotations.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, qevalBin, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const LANGS = ['en', 'zh', 'ar', 'ru'] as const;
const GREETING: Record<string, string> = {
  en: 'Hello Ana, welcome!',
  zh: '你好，安娜，欢迎你！',
  ar: 'مرحبا آنا، أهلا بك!',
  ru: 'Здравствуйте, Анна, добро пожаловать!',
};

/** A suite with `n` tests × 4 languages, two assertions each. */
function suiteYaml(n: number): string {
  const tests: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `t-${i}`;
    tests.push(`  - id: ${id}
    prompt:
${LANGS.map((l) => `      ${l}: "greet ${l} ${i}"`).join('\n')}
    assert:
      - { type: contains-any, value: ["!", "！"] }
      - { type: length, unit: graphemes, max: 200 }`);
  }
  return `name: greet\nmodels: [qwen-max]\nparams: { temperature: 0 }\ntests:\n${tests.join('\n')}\n`;
}

function respond(body: SimRequestBody) {
  const text = String(body.messages.at(-1)?.content ?? '');
  const lang = text.split(' ')[1] ?? 'en';
  return { content: GREETING[lang] ?? 'Hello!', usage: { prompt_tokens: 5, completion_tokens: 7 } };
}

let sim: Simulator;
let dir: string;
const key = 'sk-e2e-secret-value-123';

async function project(name: string, yaml: string): Promise<string> {
  const d = join(dir, name);
  await import('node:fs/promises').then((fs) => fs.mkdir(join(d, 'suites'), { recursive: true }));
  await writeFile(join(d, 'suites', 'greet.yaml'), yaml);
  return d;
}

function env(extra: NodeJS.ProcessEnv = {}) {
  return cleanEnv({ AIMLAPI_KEY: key, ...extra });
}

async function readReport(d: string, out = 'reports'): Promise<Report> {
  return JSON.parse(await readFile(join(d, out, 'report.json'), 'utf8')) as Report;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-run-'));
  sim = await startSimulator({ respond, latencyMs: 5 });
});

afterAll(async () => {
  await sim.close();
});

describe('qeval run (process)', () => {
  it('records, then replays offline with the same statuses (exit 0)', async () => {
    const d = await project('record', suiteYaml(3));
    const rec = await runCli(['run', '--mode', 'record', '--base-url', sim.url, '--no-progress'], {
      cwd: d,
      env: env(),
    });
    expect(rec.stderr).not.toContain('internal error');
    expect(rec.code).toBe(0);
    const recorded = await readReport(d);
    expect(recorded.summary.total).toBe(12);
    expect(recorded.summary.passed).toBe(12);

    const before = sim.stats.requests;
    const rep = await runCli(['run', '--no-progress'], { cwd: d, env: cleanEnv() });
    expect(rep.code).toBe(0);
    expect(sim.stats.requests).toBe(before);
    const replayed = await readReport(d);
    expect(replayed.cases.map((c) => [c.id, c.status])).toEqual(recorded.cases.map((c) => [c.id, c.status]));
    expect(replayed.cases.every((c) => c.response?.source === 'cassette')).toBe(true);
    // The recorded durations are what replay reports as latency.
    expect(replayed.cases.map((c) => c.response?.latency_ms)).toEqual(
      recorded.cases.map((c) => c.response?.latency_ms),
    );
    expect(rep.stdout).toMatch(/12 cases, replay mode/);

    // No file written anywhere in the project holds the key.
    const files = execFileSync('find', [d, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
    for (const f of files) expect(await readFile(f, 'utf8'), f).not.toContain(key);
  });

  it('exits 1 on a failing test and names it with its line', async () => {
    const d = await project('fail', suiteYaml(1).replace('["!", "！"]', '["¿"]'));
    const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: d,
      env: env(),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failing tests \(4\)/);
    expect(r.stdout).toMatch(/suites\/greet\.yaml:5 {2}t-0 \[en\] qwen-max/);
  });

  it('exits 2 on an invalid suite, naming file:line:col', async () => {
    const d = await project('invalid', suiteYaml(1).replace('type: contains-any', 'type: containz-any'));
    const r = await runCli(['run', '--no-progress'], { cwd: d, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/greet\.yaml:\d+:\d+/);
    expect(r.stderr).toContain('contains');
    expect(r.stderr).not.toContain('    at ');
  });

  it('exits 3 when cases are errors (a missing recording names the re-record command)', async () => {
    const d = await project('miss', suiteYaml(1));
    const r = await runCli(['run', '--no-progress', '--format', 'json'], { cwd: d, env: cleanEnv() });
    expect(r.code).toBe(3);
    const report = await readReport(d);
    expect(report.summary.errors).toBe(4);
    expect(report.cases[0]!.error!.kind).toBe('cassette-miss');
    expect(report.cases[0]!.error!.message).toMatch(/--mode (record|auto)/);
    // The summary says why, grouped by cause, and what to do next.
    expect(r.stdout).toContain('errors (4), by cause:');
    expect(r.stdout).toMatch(/cassette-miss × 4: no recording for test/);
    expect(r.stdout).toContain('→ record them: qeval run --mode record');
  });

  it('exits 3 and stops at once on a bad key (401)', async () => {
    const d = await project('auth', suiteYaml(5));
    sim.setFault({ kind: '401' });
    const before = sim.stats.requests;
    try {
      const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress', '-j', '2'], {
        cwd: d,
        env: env(),
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/key/i);
      expect(sim.stats.requests - before).toBeLessThanOrEqual(2);
    } finally {
      sim.setFault(null);
    }
  });

  it('Ctrl-C writes an incomplete report (130); --resume finishes it, repeating at most -j calls', async () => {
    const slow = await startSimulator({ respond, latencyMs: 150 });
    try {
      const d = await project('resume', suiteYaml(10));
      const total = 40;
      const j = 4;
      const first = await runCli(
        ['run', '--mode', 'live', '--base-url', slow.url, '--no-progress', '-j', String(j)],
        {
          cwd: d,
          env: env(),
          onSpawn: (child) => {
            const poll = setInterval(async () => {
              const text = await readFile(join(d, 'reports', 'results.jsonl'), 'utf8').catch(() => '');
              if (text.split('\n').filter(Boolean).length >= 8) {
                clearInterval(poll);
                child.kill('SIGINT');
              }
            }, 20);
            child.on('close', () => clearInterval(poll));
          },
        },
      );
      expect(first.code).toBe(130);
      expect(first.stdout).toContain(
        `the cases not run yet run with: qeval run --mode live --base-url ${slow.url} --no-progress -j ${j} --resume`,
      );
      const partial = await readReport(d);
      expect(partial.run.incomplete).toBe(true);
      const done = partial.cases.length;
      expect(done).toBeGreaterThanOrEqual(8);
      expect(done).toBeLessThan(total);
      const callsFirst = slow.stats.requests;

      const second = await runCli(
        ['run', '--mode', 'live', '--base-url', slow.url, '--no-progress', '-j', String(j), '--resume'],
        {
          cwd: d,
          env: env(),
        },
      );
      expect(second.code).toBe(0);
      const full = await readReport(d);
      expect(full.cases).toHaveLength(total);
      expect(new Set(full.cases.map((c) => c.id)).size).toBe(total);
      expect(full.run.incomplete).toBe(false);
      // Calls cut by Ctrl-C are made again on resume; nothing else is.
      expect(slow.stats.requests - total).toBeLessThanOrEqual(j);
      expect(slow.stats.requests - callsFirst).toBe(total - done);
    } finally {
      await slow.close();
    }
  });

  it('Ctrl-C twice leaves at once, saying what results.jsonl keeps and the command to go on', async () => {
    const slow = await startSimulator({ respond, latencyMs: 150 });
    try {
      const d = await project('twice', suiteYaml(10));
      const args = ['run', '--mode', 'live', '--base-url', slow.url, '--no-progress', '-j', '4'];
      const first = await runCli(args, {
        cwd: d,
        env: env(),
        onSpawn: (child) => {
          const poll = setInterval(async () => {
            const text = await readFile(join(d, 'reports', 'results.jsonl'), 'utf8').catch(() => '');
            if (text.split('\n').filter(Boolean).length >= 4) {
              clearInterval(poll);
              child.kill('SIGINT');
              setTimeout(() => child.kill('SIGINT'), 20);
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      });
      expect(first.code).toBe(130);
      const kept = (await readFile(join(d, 'reports', 'results.jsonl'), 'utf8')).trim().split('\n').length;
      expect(first.stderr).toContain(
        `stopped at once, no report written; the ${kept} finished case(s) are kept in reports/results.jsonl. To go on: qeval ${args.join(' ')} --resume`,
      );
      await expect(readFile(join(d, 'reports', 'report.json'))).rejects.toThrow(/ENOENT/);
      const second = await runCli([...args, '--resume'], { cwd: d, env: env() });
      expect(second.code).toBe(0);
      expect((await readReport(d)).cases).toHaveLength(40);
    } finally {
      await slow.close();
    }
  });

  it('two shards merged equal the full run', async () => {
    const d = await project('shards', suiteYaml(6));
    const base = ['--base-url', sim.url, '--no-progress'];
    expect((await runCli(['run', '--mode', 'record', ...base], { cwd: d, env: env() })).code).toBe(0);
    expect((await runCli(['run', '--no-progress'], { cwd: d, env: cleanEnv() })).code).toBe(0);
    const full = await readReport(d);
    for (const k of [1, 2]) {
      const r = await runCli(['run', '--shard', `${k}/2`, '-o', `out/shard-${k}`, '--no-progress'], {
        cwd: d,
        env: cleanEnv(),
      });
      expect(r.code).toBe(0);
    }
    const s1 = await readReport(d, 'out/shard-1');
    const s2 = await readReport(d, 'out/shard-2');
    expect(s1.cases.length).toBeGreaterThan(0);
    expect(s2.cases.length).toBeGreaterThan(0);
    expect(s1.cases.length + s2.cases.length).toBe(full.cases.length);
    const m = await runCli(['merge', 'out/shard-1', 'out/shard-2', '-o', 'out/merged'], {
      cwd: d,
      env: cleanEnv(),
    });
    expect(m.code).toBe(0);
    const merged = await readReport(d, 'out/merged');
    const strip = (r: Report) =>
      r.cases.map(({ started_at, duration_ms, ...c }) => {
        void started_at;
        void duration_ms;
        return c;
      });
    expect(strip(merged)).toEqual(strip(full));
    expect(merged.summary.pass_rate).toBe(full.summary.pass_rate);
    expect(merged.summary.by_lang).toEqual(full.summary.by_lang);
  });

  it('prints plain progress lines off a TTY, and nothing but the summary with --quiet', async () => {
    const d = await project('progress', suiteYaml(2));
    const base = ['run', '--mode', 'live', '--base-url', sim.url];
    const plain = await runCli(base, { cwd: d, env: env({ QEVAL_PROGRESS_INTERVAL_MS: '20' }) });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/progress 8\/8 \(100%\) pass 8 fail 0 error 0/);
    const quiet = await runCli([...base, '--quiet'], { cwd: d, env: env() });
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/pass rate 100\.0%/);
  });

  it('draws a live bar on a TTY (a pseudo-terminal via script)', async () => {
    const d = await project('tty', suiteYaml(2));
    const cmd = `${process.execPath} ${qevalBin} run --mode live --base-url ${sim.url}`;
    // Asynchronously: the simulator answering the run lives in this process.
    const child = spawn('script', ['-qec', cmd, '/dev/null'], {
      cwd: d,
      env: env({ TERM: 'xterm' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(out).toMatch(/8\/8/);
    expect(out).toMatch(/✓ 8/);
    expect(out).toContain('\u001b['); // cursor control: a live bar, not plain lines
    expect(out).not.toMatch(/^progress /m);
  });

  it('annotates failing tests for GitHub Actions and appends the step summary', async () => {
    const d = await project('gha', suiteYaml(1).replace('["!", "！"]', '["¿"]'));
    const summary = join(d, 'step-summary.md');
    await writeFile(summary, '');
    const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: d,
      env: env({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=suites\/greet\.yaml,line=5/m);
    expect(await readFile(summary, 'utf8')).toMatch(/t-0/);
  });
});

describe('qeval run: the output folder and --resume (process)', () => {
  it('refuses a folder another live run holds, naming its pid (exit 2, no call)', async () => {
    const d = await project('locked', suiteYaml(1));
    await import('node:fs/promises').then((fs) => fs.mkdir(join(d, 'reports'), { recursive: true }));
    await writeFile(join(d, 'reports', '.qeval.lock'), `${process.pid}\n`);
    const before = sim.stats.requests;
    const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: d,
      env: env(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`being written by another qeval run (pid ${process.pid})`);
    expect(sim.stats.requests).toBe(before);
  });

  it('cuts a torn line on --resume, and --retry-errors runs the errors again', async () => {
    const d = await project('outage', suiteYaml(2));
    sim.setFault({ kind: '503', match: (b) => String(b.messages.at(-1)?.content).startsWith('greet zh') });
    try {
      const first = await runCli(
        ['run', '--mode', 'live', '--base-url', sim.url, '--no-progress', '--retries', '0'],
        {
          cwd: d,
          env: env(),
        },
      );
      expect(first.code).toBe(3);
    } finally {
      sim.setFault(null);
    }
    const path = join(d, 'reports', 'results.jsonl');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(8);
    // A kill -9 mid-write: the last line half there.
    await writeFile(path, `${lines.slice(0, 7).join('\n')}\n${lines[7]!.slice(0, 30)}`);
    const before = sim.stats.requests;
    const again = await runCli(
      ['run', '--mode', 'live', '--base-url', sim.url, '--no-progress', '--resume', '--retry-errors'],
      { cwd: d, env: env() },
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/results\.jsonl:8:1 .*torn/);
    const errorsBefore = lines.slice(0, 7).filter((l) => JSON.parse(l).status === 'error').length;
    expect(sim.stats.requests - before).toBe(1 + errorsBefore);
    for (const line of (await readFile(path, 'utf8')).trim().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow();
    expect((await readReport(d)).summary.passed).toBe(8);
  });
});
