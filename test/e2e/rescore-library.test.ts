/**
 * `qeval rescore` (new assertions over stored responses, graders replayed, no model call), a
 * second Ctrl-C that leaves at once without corrupting results.jsonl, and the library entry point.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { readResults } from '../../src/run/results-stream.js';
import { cleanEnv, repoRoot, runCli } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

let sim: Simulator;
let dir: string;

function respond(body: SimRequestBody) {
  const text = JSON.stringify(body.messages);
  if (text.includes('strict, fair grader')) {
    return { content: '{"reason": "meets the rubric", "pass": true, "score": 0.9}' };
  }
  return { content: 'The answer is 42.', usage: { prompt_tokens: 4, completion_tokens: 5 } };
}

const suite = (needle: string) => `name: qa
models: [qwen-max]
tests:
${Array.from(
  { length: 6 },
  (_, i) => `  - id: q-${i}
    lang: en
    prompt: "question ${i}"
    assert:
      - { type: contains, value: "${needle}" }
      - { type: llm-rubric, value: "States a number" }`,
).join('\n')}
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-e2e-rescore-'));
  await mkdir(join(dir, 'suites'));
  sim = await startSimulator({ respond });
});

afterAll(async () => {
  await sim.close();
});

describe('rescore (process)', () => {
  it('scores stored responses with the current assertions, graders replayed, no call made', async () => {
    await writeFile(join(dir, 'suites', 'qa.yaml'), suite('42'));
    const rec = await runCli(['run', '--mode', 'record', '--base-url', sim.url, '--no-progress'], {
      cwd: dir,
      env: cleanEnv({ AIMLAPI_KEY: 'sk-rescore' }),
    });
    expect(rec.code).toBe(0);
    const calls = sim.stats.requests;
    expect(calls).toBe(12); // 6 answers + 6 grader calls

    await writeFile(join(dir, 'suites', 'qa.yaml'), suite('43'));
    const r = await runCli(['rescore', 'reports/report.json', '-o', 'rescored', '--format', 'json'], {
      cwd: dir,
      env: cleanEnv(),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rescored 6 case/);
    expect(sim.stats.requests).toBe(calls);
    const report = JSON.parse(await readFile(join(dir, 'rescored', 'report.json'), 'utf8')) as Report;
    expect(report.summary.failed).toBe(6);
    for (const c of report.cases) {
      const byType = Object.fromEntries(c.assertions.map((a) => [a.type, a]));
      expect(byType.contains?.pass).toBe(false);
      expect(byType['llm-rubric']?.pass).toBe(true);
      expect(byType['llm-rubric']?.score).toBe(0.9);
    }
  });
});

describe('second Ctrl-C', () => {
  it('exits at once and leaves a results.jsonl that resume can read', async () => {
    const slow = await startSimulator({ respond: () => ({ content: '42' }), latencyMs: 300 });
    try {
      const d = join(dir, 'twice');
      await mkdir(join(d, 'suites'), { recursive: true });
      const tests = Array.from(
        { length: 30 },
        (_, i) => `  - { id: s-${i}, lang: en, prompt: "q ${i}", assert: [{ type: contains, value: "42" }] }`,
      );
      await writeFile(
        join(d, 'suites', 's.yaml'),
        `name: s\nmodels: [qwen-max]\ntests:\n${tests.join('\n')}\n`,
      );
      const started = Date.now();
      const r = await runCli(['run', '--mode', 'live', '--base-url', slow.url, '--no-progress', '-j', '2'], {
        cwd: d,
        env: cleanEnv({ AIMLAPI_KEY: 'sk-twice' }),
        onSpawn: (child) => {
          const poll = setInterval(async () => {
            const text = await readFile(join(d, 'reports', 'results.jsonl'), 'utf8').catch(() => '');
            if (text.split('\n').filter(Boolean).length >= 2) {
              clearInterval(poll);
              child.kill('SIGINT');
              setTimeout(() => child.kill('SIGINT'), 50);
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      });
      expect(r.code).toBe(130);
      expect(Date.now() - started).toBeLessThan(20_000);
      const { results, skipped } = await readResults(join(d, 'reports', 'results.jsonl'));
      expect(skipped).toBe(0);
      expect(results.size).toBeGreaterThanOrEqual(2);
      const resumed = await runCli(
        ['run', '--mode', 'live', '--base-url', slow.url, '--no-progress', '-j', '4', '--resume'],
        {
          cwd: d,
          env: cleanEnv({ AIMLAPI_KEY: 'sk-twice' }),
        },
      );
      expect(resumed.code).toBe(0);
      const full = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as Report;
      expect(full.cases).toHaveLength(30);
    } finally {
      await slow.close();
    }
  });
});

describe('library entry point', () => {
  it("imports { run, loadSuites } from 'qeval' and returns the report, with events", async () => {
    const out = join(dir, 'lib-out');
    const script = `
      import { run, loadSuites } from 'qeval';
      const { suites } = await loadSuites(['suites']);
      const seen = [];
      const { report } = await run({
        paths: ['suites/snapshots.yaml'],
        settings: { output: ${JSON.stringify(out)}, format: ['json'], progress: false },
        onEvent: (e) => { if (e.type === 'case-result') seen.push(e.result.id); },
      });
      console.log(JSON.stringify({ suites: suites.map((s) => s.name).sort(), cases: report.cases.length, seen: seen.length, mode: report.run.mode }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: cleanEnv(),
    });
    const got = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      suites: string[];
      cases: number;
      seen: number;
      mode: string;
    };
    expect(got.suites).toEqual([
      'agent-weather',
      'json-output',
      'multilingual',
      'rubric',
      'snapshots',
      'support-sim',
    ]);
    expect(got.cases).toBe(16);
    expect(got.seen).toBe(16);
    expect(got.mode).toBe('replay');
  });

  it("compares two reports and writes the PR comment through 'qeval/comparison'", async () => {
    const out = join(dir, 'lib-compare');
    const script = `
      import { run } from 'qeval';
      import { compareReports, comparisonText, pullRequestComment } from 'qeval/comparison';
      const settings = { output: ${JSON.stringify(out)}, format: ['json'], progress: false };
      const { report } = await run({ paths: ['suites/snapshots.yaml'], settings });
      const comparison = compareReports(report, report);
      const body = pullRequestComment({ report, baseline: report, comparison });
      console.log(JSON.stringify({ paired: comparison.pairs.paired, regressions: comparison.regressions.length, text: comparisonText(comparison).length > 0, comment: body.split('\\n')[0] }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: cleanEnv(),
    });
    const got = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(got).toEqual({
      paired: 16,
      regressions: 0,
      text: true,
      comment: '## ❌ qeval: 13 of 16 judged cases passed',
    });
  });
});
