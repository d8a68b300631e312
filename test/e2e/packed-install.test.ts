/**
 * qeval outside its clone (issue 20): the tarball `npm pack` makes, installed into an empty
 * project, runs `qeval init`, records the starter suite against the loopback gateway and
 * replays it with no key — and `import 'qeval'` works there.
 *
 * No network: `npm ci` leaves the package tarballs in npm's cache but not the registry's package
 * documents, so `npm install <tarball> --offline` cannot resolve version ranges. The project's
 * lockfile is written instead from qeval's own, its production entries only, and installed with
 * `npm ci --offline` from the cache. A package qeval imports at run time but lists only under
 * devDependencies is then missing, and the run fails here.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { cleanEnv, repoRoot } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const exec = promisify(execFile);

interface LockEntry {
  dev?: boolean;
  [field: string]: unknown;
}

/** The environment of a child npm: no npm_* variables of the `npm test` running this file. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = cleanEnv(extra);
  for (const k of Object.keys(env)) if (k.toLowerCase().startsWith('npm_')) delete env[k];
  return env;
}

/** package.json and package-lock.json of a project depending on the tarball only. */
async function writeProject(project: string, tarball: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const lock = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'my-evals', dependencies: { qeval: spec } },
    'node_modules/qeval': {
      version: manifest.version,
      resolved: spec,
      ...Object.fromEntries(
        ['license', 'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines'].map((f) => [
          f,
          manifest[f],
        ]),
      ),
    },
  };
  for (const [path, entry] of Object.entries(lock.packages))
    if (path !== '' && !entry.dev) packages[path] = entry;
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'my-evals', private: true, dependencies: { qeval: spec } }),
  );
  await writeFile(
    join(project, 'package-lock.json'),
    JSON.stringify({ name: 'my-evals', lockfileVersion: 3, requires: true, packages }),
  );
}

/** The starter suite's answers: a greeting by name in the prompt's language, and the JSON asked for. */
function respond(body: SimRequestBody) {
  const prompt = String(body.messages.at(-1)?.content ?? '');
  const content = prompt.includes('JSON')
    ? '{"capital": "Paris"}'
    : prompt.startsWith('Saluda')
      ? '¡Hola Ana! Qué alegría verte hoy.'
      : prompt.startsWith('Greet')
        ? 'Hello Ana, it is lovely to see you today!'
        : '你好，Ana，很高兴见到你！';
  return { content, usage: { prompt_tokens: 12, completion_tokens: 9 } };
}

let dir: string;
let project: string;
let qeval: string;
let sim: Simulator;

/** Runs the installed `qeval` (node_modules/.bin) in the project; never throws on an exit code. */
async function runInstalled(args: string[], env: NodeJS.ProcessEnv = childEnv()) {
  try {
    const { stdout, stderr } = await exec(qeval, args, { cwd: project, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout: string; stderr: string };
    return { code: e.code ?? null, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  // `npm test` builds first; packing must not build (that would need the compiler, not the tarball's job).
  expect(existsSync(join(repoRoot, 'dist', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
  dir = await realpath(await mkdtemp(join(tmpdir(), 'qeval-packed-')));
  const packed = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: repoRoot,
    env: childEnv(),
  });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  project = join(dir, 'my-evals');
  await mkdir(project);
  await writeProject(project, join(dir, filename));
  await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env: childEnv() });
  qeval = join(project, 'node_modules', '.bin', 'qeval');
  sim = await startSimulator({ respond });
}, 120_000);

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball, installed into an empty project', () => {
  it('is the tarball, not this clone', async () => {
    expect(await realpath(qeval)).toBe(join(project, 'node_modules', 'qeval', 'bin', 'qeval.js'));
    // Only what package.json's `files` ships: no sources or tests.
    expect(existsSync(join(project, 'node_modules', 'qeval', 'test'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'qeval', 'src', 'cli'))).toBe(false);
  });

  it('init writes the starter; a replay with no recording exits 3 and says how to record', async () => {
    const init = await runInstalled(['init']);
    expect(init.code).toBe(0);
    expect(existsSync(join(project, 'suites', 'starter.yaml'))).toBe(true);
    // The schema the starter's first line points editors at is in the installed package.
    const firstLine = (await readFile(join(project, 'suites', 'starter.yaml'), 'utf8')).split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../node_modules/qeval/schema/suite.schema.json');
    expect(existsSync(join(project, 'node_modules', 'qeval', 'schema', 'suite.schema.json'))).toBe(true);

    const replay = await runInstalled(['run', '--no-progress']);
    expect(replay.code).toBe(3);
    expect(replay.stdout).toContain('cassette-miss × 4: no recording for test "starter/');
    expect(replay.stdout).toContain(
      '→ record them: qeval run --mode record (or --mode auto to record only what is missing; needs AIMLAPI_KEY)',
    );
    expect(replay.stdout).toContain('exit 3: 4 case(s) in error');
  });

  it('records the starter against the gateway with a key, then replays it with none: exit 0', async () => {
    const record = await runInstalled(
      ['run', '--mode', 'record', '--base-url', sim.url, '--no-progress'],
      childEnv({ AIMLAPI_KEY: 'sk-packed-test-key' }),
    );
    expect(record.stderr).toBe('');
    expect(record.code).toBe(0);
    expect(sim.stats.requests).toBe(4);

    const replay = await runInstalled(['run', '--no-progress']);
    expect(replay.code).toBe(0);
    expect(sim.stats.requests).toBe(4);
    const report = JSON.parse(await readFile(join(project, 'reports', 'report.json'), 'utf8')) as Report;
    expect(report.cases.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(existsSync(join(project, 'reports', 'report.html'))).toBe(true);
  });

  it("imports as a library: qeval's public API from the project", async () => {
    const { stdout } = await exec(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const q = await import('qeval'); console.log(typeof q.run, typeof q.loadSuites)",
      ],
      { cwd: project, env: childEnv() },
    );
    expect(stdout).toBe('function function\n');
  });
});
