/** `qeval cassettes check` on a suite recorded against the simulator. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestKey } from '../../src/cassette/key.js';
import { openCassettes } from '../../src/cassette/transport.js';
import type { CassetteFile } from '../../src/cassette/types.js';
import { execute } from '../../src/cli/commands/cassettes-check.js';
import { createClient } from '../../src/provider/client.js';
import { expandCases } from '../../src/suite/expand.js';
import { loadSuites } from '../../src/suite/load.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

const suiteYaml = `name: check-me
models: [qwen-max]
params: { temperature: 0 }
tests:
  - id: hello
    prompt: "Say hello"
    repeat: 2
  - id: bye
    prompt: "Say goodbye"
`;

let sim: Simulator;
let dir: string;
const cwd = process.cwd();
let out = '';

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'qeval-check-'));
  await mkdir(join(dir, 'suites'));
  await writeFile(join(dir, 'suites', 'check-me.yaml'), suiteYaml);
  process.chdir(dir);
  // Record the suite's three cases (two samples of hello, one of bye).
  const { suites } = await loadSuites(['suites'], { cwd: dir });
  const cases = await expandCases(suites, {});
  const session = await openCassettes({
    mode: 'record',
    suites: suites.map((s) => ({ name: s.name, file: join(dir, s.file) })),
    baseUrl: sim.url,
  });
  const client = createClient({
    baseUrl: sim.url,
    timeoutMs: 2000,
    retries: 0,
    concurrency: 2,
    prices: {},
    transport: session,
  });
  for (const c of cases)
    await client.complete(c.request, { caseId: c.id, sample: c.sample, purpose: 'test', suite: c.suite });
  // A grader entry of an existing test is in use; a grader entry of a removed test is not.
  const first = cases[0]!;
  const grader = { model: 'qwen-max', messages: [{ role: 'user' as const, content: 'Grade this' }] };
  await client.complete(grader, {
    caseId: first.id,
    sample: first.sample,
    purpose: 'grader',
    suite: first.suite,
  });
  await client.complete(
    { ...grader, messages: [{ role: 'user', content: 'Grade that' }] },
    { caseId: 'check-me/gone/qwen-max#0', sample: 0, purpose: 'grader', suite: first.suite },
  );
  await session.close();
});
afterAll(async () => {
  process.chdir(cwd);
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  nock.enableNetConnect();
});
afterEach(() => vi.restoreAllMocks());

async function check(prune = false): Promise<number> {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  return execute(['suites'], prune ? { prune } : {});
}

const cassette = () => join(dir, 'suites', '__cassettes__', 'check-me.json');

describe('qeval cassettes check', () => {
  it('lists the unused grader entry of a removed test, and nothing missing', async () => {
    expect(await check()).toBe(1);
    expect(out).toContain('0 without a recording, 1 unused entry');
    expect(out).toContain('grader check-me/gone/qwen-max#0');
    expect(out).toContain('--prune');
  });

  it('lists a test whose request changed as missing, and its old entry as unused', async () => {
    await writeFile(
      join(dir, 'suites', 'check-me.yaml'),
      suiteYaml.replace('Say goodbye', 'Say goodbye politely'),
    );
    expect(await check()).toBe(1);
    expect(out).toMatch(/missing {2}check-me\/bye\/qwen-max#0 {2}\(suites\/check-me\.yaml:\d+:\d+/);
    expect(out).toContain('1 without a recording, 2 unused entries');
  });

  it('prunes the unused entries and keeps the used ones', async () => {
    await writeFile(join(dir, 'suites', 'check-me.yaml'), suiteYaml.replace(/ {2}- id: bye\n.*\n/, ''));
    const before = JSON.parse(await readFile(cassette(), 'utf8')) as CassetteFile;
    expect(Object.keys(before.entries)).toHaveLength(5);
    expect(await check(true)).toBe(0);
    expect(out).toContain('(2 removed)');
    const after = JSON.parse(await readFile(cassette(), 'utf8')) as CassetteFile;
    const ids = Object.values(after.entries)
      .map((e) => `${e.purpose} ${e.case_id}`)
      .sort();
    expect(ids).toEqual([
      'grader check-me/hello/qwen-max#0',
      'test check-me/hello/qwen-max#0',
      'test check-me/hello/qwen-max#1',
    ]);
    const { suites } = await loadSuites(['suites'], { cwd: dir });
    const cases = await expandCases(suites, {});
    for (const c of cases) expect(after.entries[requestKey(c.request, c.sample)]).toBeDefined();
    expect(await check()).toBe(0);
    expect(out).toContain('2 cases in 1 suite: 0 without a recording, 0 unused entries');
  });

  it('rejects a broken cassette with exit 2', async () => {
    await writeFile(cassette(), '{ nope');
    const err = await check().catch((e) => e);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('check-me.json');
  });
});
