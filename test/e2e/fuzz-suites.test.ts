/**
 * Fuzzing the suite loader: valid suites mutated at random (deleted, duplicated and swapped
 * lines, scalars of the wrong type, truncation, random bytes, YAML indicators, broken
 * templates) with a seeded PRNG, so a failure reproduces. Every run must end like the CLI's
 * exit 0 or 2: loaded (and expandable), or an `InputError` with positioned diagnostics —
 * never another exception, never a hang. A handful also go through the built CLI as a process.
 */

import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, ValidationError } from '../../src/errors.js';
import { createRng } from '../../src/stats/rng.js';
import { expandCases } from '../../src/suite/expand.js';
import { loadSuites } from '../../src/suite/load.js';
import { repoRoot, runCli } from '../utils/cli.js';

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** Values of the wrong type (or absurd ones) to put where a scalar was. */
const odd = [
  '123',
  '-1',
  '1e309',
  'true',
  'null',
  '~',
  '[]',
  '{}',
  '""',
  '"x"',
  '[1, [2]]',
  '{a: {b: c}}',
  '.nan',
  '0x1F',
];
/** YAML indicators and template syntax that change how a line parses or renders. */
const junk = [
  '*',
  '&a ',
  '!!binary ',
  '%',
  '@',
  '`',
  '{{',
  '}}',
  '{{#if}}',
  '{{> p}}',
  ': ',
  '- ',
  '? ',
  '|',
  '>',
  '\t',
  '"',
  "'",
  '#',
];

/** One random mutation of a suite's text; `kind` says which, for the failure message. */
function mutate(text: string, rand: Rand): { kind: string; bytes: Buffer } {
  const lines = text.split('\n');
  const li = Math.floor(rand() * lines.length);
  const kind = pick(rand, [
    'delete-line',
    'duplicate-line',
    'swap-lines',
    'swap-scalar',
    'truncate',
    'random-bytes',
    'insert-junk',
    'indent',
    'dedent',
  ] as const);
  switch (kind) {
    case 'delete-line':
      lines.splice(li, 1);
      break;
    case 'duplicate-line':
      lines.splice(li, 0, lines[li]!);
      break;
    case 'swap-lines': {
      const lj = Math.floor(rand() * lines.length);
      [lines[li], lines[lj]] = [lines[lj]!, lines[li]!];
      break;
    }
    case 'swap-scalar': {
      // Replace the value after a `key:` (or a list item) with a value of another type.
      const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /(:\s+|-\s+)\S/.test(l));
      if (candidates.length > 0) {
        const [line, i] = pick(rand, candidates);
        lines[i] = line.replace(/((?::|-)\s+)(.*)$/, (_m, sep: string) => `${sep}${pick(rand, odd)}`);
      }
      break;
    }
    case 'truncate':
      return { kind, bytes: Buffer.from(text.slice(0, Math.floor(rand() * text.length))) };
    case 'random-bytes': {
      const buf = Buffer.from(text);
      const at = Math.floor(rand() * buf.length);
      const noise = Buffer.from(
        Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)),
      );
      return { kind, bytes: Buffer.concat([buf.subarray(0, at), noise, buf.subarray(at)]) };
    }
    case 'insert-junk': {
      const l = lines[li]!;
      const at = Math.floor(rand() * (l.length + 1));
      lines[li] = l.slice(0, at) + pick(rand, junk) + l.slice(at);
      break;
    }
    case 'indent':
      lines[li] = `  ${lines[li]}`;
      break;
    case 'dedent':
      lines[li] = lines[li]!.replace(/^ {1,2}/, '');
      break;
  }
  return { kind, bytes: Buffer.from(lines.join('\n')) };
}

let work: string;
const seeds: Array<{ name: string; dir: string; text: string }> = [];

/** Copies a directory of valid suites (with their prompts/data) into the work dir; returns its seeds. */
async function addSeeds(from: string, as: string): Promise<void> {
  const names = await readdir(from).catch(() => [] as string[]);
  const yamls = names.filter((n) => /\.ya?ml$/.test(n)).sort();
  if (yamls.length === 0) return;
  const dir = join(work, as);
  await cp(from, dir, { recursive: true, filter: (src) => !src.includes('__cassettes__') });
  for (const n of yamls) seeds.push({ name: `${as}/${n}`, dir, text: await readFile(join(from, n), 'utf8') });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qeval-fuzz-'));
  await addSeeds(join(repoRoot, 'suites'), 'shipped');
  await addSeeds(join(repoRoot, 'test/fixtures/suites/valid'), 'fixtures');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every valid seed must load as it is: otherwise the mutations prove nothing. */
function assertDiagnosable(err: unknown, where: string): void {
  if (!(err instanceof InputError)) {
    throw new Error(
      `${where}: loadSuites threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.stack ?? err}`,
    );
  }
  expect(err.message.length, where).toBeGreaterThan(0);
  if (err instanceof ValidationError) {
    expect(err.diagnostics.length, where).toBeGreaterThan(0);
    for (const d of err.diagnostics) {
      expect(d.line, `${where}: ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(d.col, `${where}: ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(d.message.trim(), where).not.toBe('');
    }
  }
}

describe('fuzzed suites through loadSuites', () => {
  it('has valid seeds that load', async () => {
    expect(seeds.length).toBeGreaterThan(0);
    for (const s of seeds) {
      const { suites } = await loadSuites([join(s.dir, s.name.split('/')[1]!)], { cwd: s.dir });
      expect(suites.length, s.name).toBe(1);
    }
  });

  it('ends every mutation in a loaded suite or an InputError with positions (400 runs)', async () => {
    const rand = createRng(20260401);
    const outcomes = { loaded: 0, rejected: 0 };
    const kinds = new Map<string, number>();
    let slowest = { ms: 0, what: '' };
    for (let run = 0; run < 400; run++) {
      const seed = pick(rand, seeds);
      const { kind, bytes } = mutate(seed.text, rand);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const file = join(seed.dir, `fuzz-${run}.yaml`);
      await writeFile(file, bytes);
      // The PRNG seed reproduces the run; the input is in the message too, for a quick look.
      const where = `run ${run} (${kind} of ${seed.name})\n--- input ---\n${bytes.toString('utf8').slice(0, 1500)}\n---`;
      const t0 = performance.now();
      try {
        const { suites } = await loadSuites([file], { cwd: seed.dir });
        // A mutated suite that still loads must also expand without surprises.
        await expandCases(suites, { repeat: 1, langs: undefined });
        outcomes.loaded++;
      } catch (err) {
        assertDiagnosable(err, where);
        outcomes.rejected++;
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, what: `run ${run}, ${kind} of ${seed.name}` };
      await rm(file);
    }
    console.log(
      `fuzz: ${outcomes.loaded} loaded, ${outcomes.rejected} rejected; mutations ${JSON.stringify(Object.fromEntries(kinds))}; slowest ${slowest.ms.toFixed(1)} ms (${slowest.what})`,
    );
    expect(outcomes.loaded + outcomes.rejected).toBe(400);
    // Most mutations break something: a fuzzer whose inputs all load is not exercising errors.
    expect(outcomes.rejected).toBeGreaterThan(40);
  });
});

describe('fuzzed suites through the built CLI', () => {
  it('exits 0 or 2 with a positioned message, never an internal error', async () => {
    const rand = createRng(7);
    for (let run = 0; run < 6; run++) {
      const seed = pick(rand, seeds);
      const { kind, bytes } = mutate(seed.text, rand);
      const file = join(seed.dir, `cli-fuzz-${run}.yaml`);
      await writeFile(file, bytes);
      const res = await runCli(['validate', file], { cwd: seed.dir, timeoutMs: 20_000 });
      const where = `run ${run} (${kind} of ${seed.name}): exit ${res.code}\n${res.stderr}`;
      expect([0, 2], where).toContain(res.code);
      expect(res.stderr, where).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
      if (res.code === 2) expect(res.stderr, where).toMatch(/:\d+:\d+ {2}\S/);
      else expect(res.stdout, where).toMatch(/OK/);
      await rm(file);
    }
  });
});
