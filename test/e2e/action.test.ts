/**
 * action.yml cannot run here (no GitHub runner), so this holds it to the CLI it drives: every
 * `npx qeval …` it runs is a real command, and every flag it passes is one that command takes;
 * and its qeval step's own script runs the README's recipe (four shards, then the merge) against
 * the loopback gateway.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, repoRoot, runCli } from '../utils/cli.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
}

describe('action.yml', () => {
  it('is a composite action whose qeval commands and flags all exist', async () => {
    const action = parse(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      runs: { using: string; steps: Step[] };
    };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['suites', 'mode', 'shard', 'baseline', 'comment']),
    );
    const scripts = action.runs.steps.map((s) => s.run ?? '').join('\n');
    const used = new Map<string, Set<string>>();
    for (const line of scripts.split('\n')) {
      const m = /npx qeval (\w+)(.*)/.exec(line);
      if (!m) continue;
      const flags = used.get(m[1]!) ?? new Set<string>();
      for (const f of m[2]!.matchAll(/(?:^|\s)(--?[a-z][a-z-]*)/g)) flags.add(f[1]!);
      used.set(m[1]!, flags);
    }
    // Flags the step adds through its arrays: `flags` for run, `merge_flags` for merge.
    for (const f of scripts.matchAll(/\b(merge_)?flags(?:\+)?=\(([^)]*)\)/g)) {
      const command = f[1] ? 'merge' : 'run';
      for (const g of f[2]!.matchAll(/(--?[a-z][a-z-]*)/g)) used.get(command)?.add(g[1]!);
    }
    expect([...used.keys()].sort()).toEqual(['comment', 'merge', 'run']);
    for (const [command, flags] of used) {
      const help = await runCli([command, '--help']);
      expect(help.code, `qeval ${command} --help`).toBe(0);
      for (const flag of flags)
        expect(help.stdout, `qeval ${command} ${flag}`).toMatch(new RegExp(`(^|[ ,])${flag}\\b`, 'm'));
    }
    // The eval's verdict is the last step, after the reports and the comment.
    expect(action.runs.steps.at(-1)?.run).toContain('exit "$CODE"');
  });
});

describe("the README's recipe, through the action's own script", () => {
  const qevalBin = join(repoRoot, 'bin', 'qeval.js');
  let dir: string;
  let sim: Simulator;
  let script: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qeval-action-'));
    sim = await startSimulator({
      respond: (body) => ({ content: `Answer to ${String(body.messages.at(-1)?.content)}: 42` }),
      faults: [{ kind: 'broken-json', match: (b) => b.messages.at(-1)?.content === 'q5' }],
    });
    const action = parse(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
    script = action.runs.steps.find((s) => s.name === 'qeval')?.run ?? '';
    // `npx qeval` of the action, served by this checkout's build.
    await mkdir(join(dir, 'bin'));
    await writeFile(
      join(dir, 'bin', 'npx'),
      `#!/bin/sh\nshift\nexec "${process.execPath}" "${qevalBin}" "$@"\n`,
      {
        mode: 0o755,
      },
    );
    const tests = Array.from(
      { length: 8 },
      (_, i) => `  - { id: t${i}, lang: en, prompt: "q${i}", assert: [{ type: contains, value: "42" }] }`,
    );
    await mkdir(join(dir, 'suites'));
    await writeFile(
      join(dir, 'suites', 'qa.yaml'),
      `name: qa\nmodels: [qwen-max]\ntests:\n${tests.join('\n')}\n`,
    );
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the action's qeval step as the runner would, and reads the outputs it set. */
  async function step(env: Record<string, string>): Promise<Record<string, string>> {
    const outputs = join(dir, `outputs-${Math.random().toString(36).slice(2)}`);
    await writeFile(outputs, '');
    // Not spawnSync: the gateway answering it lives in this process.
    await promisify(execFile)('bash', ['-e', '-c', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...cleanEnv({ AIMLAPI_KEY: 'sk-recipe' }),
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        SUITES: '',
        MODE: 'live',
        SHARD: '',
        MERGE: '',
        OUTPUT: 'reports',
        ARGS: `--base-url ${sim.url} --quiet`,
        ARTIFACT: 'qeval-reports',
        SHARDS_DIR: join(dir, 'shards'),
        GITHUB_OUTPUT: outputs,
        GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md'),
        ...env,
      },
    });
    const text = await readFile(outputs, 'utf8');
    return Object.fromEntries(
      text
        .trim()
        .split('\n')
        .map((l) => l.split('=', 2) as [string, string]),
    );
  }

  it('lets every shard pass whatever its cases did, then the merge gives the real verdict', async () => {
    for (const k of [1, 2, 3, 4]) {
      const out = await step({ SHARD: `${k}/4`, OUTPUT: `shards/shard-${k}` });
      expect(out['exit-code']).toBe('0');
      expect(out.artifact).toBe(`qeval-reports-shard-${k}`);
    }
    const shardCases = await Promise.all(
      [1, 2, 3, 4].map(
        async (k) =>
          (JSON.parse(await readFile(join(dir, 'shards', `shard-${k}`, 'report.json'), 'utf8')) as Report)
            .cases,
      ),
    );
    expect(
      shardCases
        .flat()
        .map((c) => c.test_id)
        .sort(),
    ).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);

    const merged = await step({ MERGE: 'qeval-reports-shard-*' });
    expect(merged['exit-code']).toBe('3');
    const report = JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.summary).toMatchObject({ total: 8, passed: 7, errors: 1 });
    expect(await readFile(join(dir, 'step-summary.md'), 'utf8')).toContain('qeval');
  });
});
