/**
 * Timing helpers: a child process's wall time and peak resident memory (GNU time `%M`), and
 * median / min / max over repeated runs.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcRun {
  wallMs: number;
  /** Peak RSS in MB (null when GNU time is not available). */
  rssMb: number | null;
  /** User + system CPU time in ms (null without GNU time): steadier than wall time on a busy machine. */
  cpuMs: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

const GNU_TIME = '/usr/bin/time';
let seq = 0;

/** Runs a command to its end, timing it from spawn to exit; never throws on a non-zero code. */
export async function timeProcess(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; keepOutput?: boolean; timeoutMs?: number },
): Promise<ProcRun> {
  const rssFile = join(tmpdir(), `qeval-bench-rss-${process.pid}-${seq++}.txt`);
  const withTime = existsSync(GNU_TIME);
  const [cmd, ...args] = withTime ? [GNU_TIME, '-f', '%U %S %M', '-o', rssFile, ...argv] : argv;
  const started = performance.now();
  const child = spawn(cmd!, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    if (options.keepOutput || stdout.length < 64_000) stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 64_000) stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30 * 60_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  let rssMb: number | null = null;
  let cpuMs: number | null = null;
  if (withTime) {
    const text = await readFile(rssFile, 'utf8').catch(() => '');
    // GNU time writes "Command exited with non-zero status N" before the values on failures.
    const [user, sys, kb] = (text.trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (Number.isFinite(kb) && kb! > 0) rssMb = kb! / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user! + sys!) * 1000;
    await rm(rssFile, { force: true });
  }
  return { wallMs, rssMb, cpuMs, code, stdout, stderr };
}

/** Median (mean of the middle two for an even count), min and max. */
export function spread(values: number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** Repeats an async measurement `runs` times (sequentially) and collects the samples. */
export async function repeat<T>(runs: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}
