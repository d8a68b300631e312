/**
 * The processes the benchmark times: the built CLI (`bin/qeval.js`) and the floor script. Every
 * one talks to 127.0.0.1 only: the simulator, or (replay) a closed port behind nock.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProcRun, timeProcess } from './measure.js';

export interface Paths {
  /** The repository root. */
  root: string;
  /** Where bench/*.ts compiled to (`bench/out/build/bench`). */
  buildDir: string;
  /** Scratch space (`bench/out`). */
  out: string;
  /** The CLI measured: `bin/qeval.js`, or the snapshot's (`--snapshot`). */
  bin: string;
}

/** A base URL nothing listens on: replay must never open a connection. */
export const CLOSED_BASE_URL = 'http://127.0.0.1:9/v1';

/** The environment of every child: a dummy key, no gateway URL, no CI-specific output. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AIMLAPI_KEY: 'bench-key', NO_COLOR: '1' };
  for (const k of [
    'AIMLAPI_BASE_URL',
    'GITHUB_ACTIONS',
    'GITHUB_STEP_SUMMARY',
    'NODE_OPTIONS',
    'QEVAL_CASSETTE_NOTE',
  ]) {
    delete env[k];
  }
  return env;
}

export function qevalArgv(p: Paths, args: string[], nodeFlags: string[] = []): string[] {
  return [process.execPath, ...nodeFlags, p.bin, ...args];
}

export type RunMode = 'record' | 'replay' | 'live';

export interface QevalRun extends ProcRun {
  /** Lines in results.jsonl (finished cases). */
  results: number;
  outDir: string;
}

/**
 * `qeval run <suiteDir> --mode <mode>` with progress off, quiet, JSON + HTML reports into a
 * fresh `outDir`. Returns the process timing and the number of cases it finished.
 */
export async function runQeval(
  p: Paths,
  o: {
    suiteDir: string;
    mode: RunMode;
    baseUrl: string;
    concurrency: number;
    outDir: string;
    nodeFlags?: string[];
  },
): Promise<QevalRun> {
  await rm(o.outDir, { recursive: true, force: true });
  const args = [
    'run',
    o.suiteDir,
    '--mode',
    o.mode,
    '--base-url',
    o.baseUrl,
    '-j',
    String(o.concurrency),
    '--no-progress',
    '--quiet',
    '-o',
    o.outDir,
    '--format',
    'json,html',
  ];
  const run = await timeProcess(qevalArgv(p, args, o.nodeFlags), { cwd: p.root, env: childEnv() });
  const results = await countLines(join(o.outDir, 'results.jsonl'));
  return { ...run, results, outDir: o.outDir };
}

/** Runs the floor script (see floor.ts) and returns its process timing and its own loop time. */
export async function runFloor(
  p: Paths,
  mode: 'nock' | 'fetch',
  n: number,
  concurrency: number,
  arg: string,
): Promise<ProcRun & { loopMs: number; ok: number }> {
  const run = await timeProcess(
    [process.execPath, join(p.buildDir, 'floor.js'), mode, String(n), String(concurrency), arg],
    {
      cwd: p.root,
      env: childEnv(),
    },
  );
  if (run.code !== 0)
    throw new Error(`floor ${mode} failed (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  const parsed = JSON.parse(line) as { loopMs: number; ok: number };
  if (parsed.ok !== n) throw new Error(`floor ${mode}: ${parsed.ok} of ${n} requests answered`);
  return { ...run, loopMs: parsed.loopMs, ok: parsed.ok };
}

/** Counts newline-terminated lines without holding the file (0 when it does not exist). */
export async function countLines(file: string): Promise<number> {
  return await new Promise<number>((resolve) => {
    let n = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        const buf = chunk as Buffer;
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
      })
      .on('end', () => resolve(n))
      .on('error', () => resolve(0));
  });
}

/** Fails loudly when a timed run did not do what it should (a benchmark of errors is worthless). */
export function expectComplete(what: string, run: QevalRun, cases: number): void {
  if (run.code !== 0 || run.results !== cases) {
    throw new Error(
      `${what}: exit ${run.code}, ${run.results} of ${cases} cases in results.jsonl\n` +
        `${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`,
    );
  }
}
