/** One suite recorded against the loopback simulator through the built CLI, for e2e tests. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../../src/contracts/result.js';
import { type CliResult, cleanEnv, runCli } from './cli.js';

/** The cases of the report.json a run in project `dir` wrote. */
export async function reportCases(dir: string): Promise<CaseResult[]> {
  const report = JSON.parse(await readFile(join(dir, 'reports', 'report.json'), 'utf8')) as {
    cases: CaseResult[];
  };
  return report.cases;
}

/** Writes `suites/<file>` in project `dir` and runs it with `--mode record` against `baseUrl`. */
export async function recordSuite(
  dir: string,
  file: string,
  yaml: string,
  baseUrl: string,
): Promise<CliResult> {
  await mkdir(join(dir, 'suites'), { recursive: true });
  await writeFile(join(dir, 'suites', file), yaml);
  return runCli(['run', '--mode', 'record', '--base-url', baseUrl, '--no-progress'], {
    cwd: dir,
    env: cleanEnv({ AIMLAPI_KEY: 'sk-fake-recording' }),
  });
}

/** Runs the project's suites again from their cassettes, with no key and no network. */
export function replaySuites(dir: string): Promise<CliResult> {
  return runCli(['run', '--no-progress'], { cwd: dir, env: cleanEnv() });
}
