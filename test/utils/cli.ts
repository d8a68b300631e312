/** Runs the built CLI (`bin/qeval.js` → `dist/`), or another Node script, as a child process, for e2e tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const qevalBin = fileURLToPath(new URL('../../bin/qeval.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this long (the test then fails on the exit code). */
  timeoutMs?: number;
  /** Called with the child once it is spawned (to send signals). */
  onSpawn?: (child: ChildProcess) => void;
}

/** A clean environment: no CI or GitHub variables leaking in from the machine running the tests. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GITHUB_') || k === 'AIMLAPI_KEY' || k === 'AIMLAPI_BASE_URL' || k === 'CI') continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runNode([qevalBin, ...args], options);
}

/** Runs `node args` (a script and its arguments) as a child process, from the repository's root by default. */
export function runNode(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    options.onSpawn?.(child);
  });
}

/** Writes `files` (paths relative to the project, folders made) under `root/name`; returns the project's folder. */
export async function writeProject(
  root: string,
  name: string,
  files: Record<string, string | Uint8Array>,
): Promise<string> {
  const d = join(root, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(join(d, file, '..'), { recursive: true });
    await writeFile(join(d, file), content);
  }
  return d;
}

/** `qeval run` in live mode against a loopback gateway at `baseUrl`, with a fake key. */
export function runLive(
  baseUrl: string,
  key: string,
  cwd: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  return runCli(['run', '--mode', 'live', '--base-url', baseUrl, '--no-progress', ...extra], {
    cwd,
    env: cleanEnv({ AIMLAPI_KEY: key, ...env }),
  });
}
