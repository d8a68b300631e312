/** `qeval validate` and `qeval init` through the built CLI, as a user runs them. */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../utils/cli.js';

const malformed = 'test/fixtures/suites/malformed';
const malformedDir = fileURLToPath(new URL(`../fixtures/suites/malformed/`, import.meta.url));
const position = /^(\S+):(\d+):(\d+) {2}/;

describe('qeval validate', () => {
  it('accepts the shipped suites: exit 0 and a one-line summary', async () => {
    const r = await runCli(['validate', 'suites']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ suites, \d+ tests: OK\n$/);
    expect(Number(/^(\d+) suites/.exec(r.stdout)![1])).toBeGreaterThanOrEqual(4);
  });

  it('validates suites/ by default', async () => {
    const r = await runCli(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/suites, \d+ tests: OK/);
  });

  it('prints warnings with their position and still exits 0', async () => {
    const r = await runCli(['validate', 'test/fixtures/suites/valid']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('5 suites, 13 tests: OK (1 warning)\n');
    expect(r.stderr).toContain(
      'test/fixtures/suites/valid/unknown-model.yaml:3:11  params.temprature  warning: unknown request parameter "temprature"',
    );
  });

  it.each([
    [
      'unknown-assertion-type.yaml',
      '6:17  tests[0].assert[0].type  unknown assertion type "containz" (did you mean contains?)',
    ],
    ['undefined-var.yaml', '5:13  tests[0].prompt  template uses {{nmae}}'],
    [
      'param-out-of-range.yaml',
      '4:16  params.temperature  request parameter temperature: 2.5 is not allowed for qwen-max',
    ],
    ['empty.yaml', '1:1  (document)  suite file is empty'],
    ['alias-bomb.yaml', '3:8  (document)  aliases expand to too many nodes'],
  ])('exits 2 on %s naming file:line:col', async (fixture, expected) => {
    const r = await runCli(['validate', `${malformed}/${fixture}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${malformed}/${fixture}:${expected}`);
    expect(r.stderr).toMatch(/qeval: 1 error in 1 file\n$/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('prints every error of every malformed fixture in one run, each with a position', async () => {
    const fixtures = readdirSync(malformedDir).filter((f) => f.endsWith('.yaml'));
    const r = await runCli(['validate', malformed]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const lines = r.stderr.trimEnd().split('\n');
    const summary = lines.pop()!;
    expect(lines.every((l) => position.test(l))).toBe(true);
    // Every fixture is named (datasets' errors name the data file instead of the suite).
    const named = new Set(lines.map((l) => position.exec(l)![1]!));
    const suitesNamed = fixtures.filter((f) => named.has(`${malformed}/${f}`));
    expect(suitesNamed.length).toBe(fixtures.length - 2);
    expect(named).toContain(`${malformed}/data/bad.csv`);
    expect(named).toContain(`${malformed}/data/bad.jsonl`);
    expect(summary).toBe(`qeval: ${lines.length} errors in ${named.size} files`);
  });

  it('exits 2 with a clear message for a path that does not exist', async () => {
    const r = await runCli(['validate', 'no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qeval: suite path not found: no/such/dir\n');
  });
});

describe('qeval init', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qeval-init-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a config and a starter suite that validate', async () => {
    const r = await runCli(['init', dir]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'qeval.config.yaml'))).toBe(true);
    const suite = await readFile(join(dir, 'suites', 'starter.yaml'), 'utf8');
    expect(suite.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/qeval/schema/suite.schema.json',
    );
    const v = await runCli(['validate'], { cwd: dir });
    expect(v.stderr).toBe('');
    expect(v.stdout).toBe('1 suite, 2 tests: OK\n');
    expect(v.code).toBe(0);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    await writeFile(join(dir, 'suites', 'starter.yaml'), 'changed: true\n');
    const again = await runCli(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exist; use --force to overwrite\n$/);
    expect(await readFile(join(dir, 'suites', 'starter.yaml'), 'utf8')).toBe('changed: true\n');
    const forced = await runCli(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'suites', 'starter.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('reports config and suite errors together', async () => {
    await mkdir(join(dir, 'suites'), { recursive: true });
    await writeFile(join(dir, 'qeval.config.yaml'), 'mode: replya\n');
    await writeFile(join(dir, 'suites', 'broken.yaml'), 'tests: [{ id: a }]\n');
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('qeval.config.yaml:1:7  mode  "replya" is not allowed');
    expect(r.stderr).toContain('suites/broken.yaml:1:9  tests[0]  test has nothing to send');
    expect(r.stderr).toMatch(/qeval: 2 errors in 2 files\n$/);
  });
});
