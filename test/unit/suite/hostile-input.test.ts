/**
 * Hostile input to the YAML reader: each case gets exactly one clear diagnostic at a position,
 * quickly, and never a crash, a hang or a partial result. Times are measured and logged, not
 * asserted (the machine may be busy); the cases that used to crash the parser are asserted to
 * be refused before it runs.
 */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/contracts/diagnostic.js';
import { checkBlockDepth, checkBytes, checkFlowDepth, maxDepth } from '../../../src/suite/source-limits.js';
import { parseYaml, readTextFile } from '../../../src/suite/yaml-source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reads and parses like the loader does; returns the diagnostics and the time taken. */
async function load(
  name: string,
  content: string | Buffer,
): Promise<{ diags: Diagnostic[]; value: unknown; ms: number }> {
  const abs = join(dir, name);
  await writeFile(abs, content);
  const t0 = performance.now();
  const diags: Diagnostic[] = [];
  const text = await readTextFile(abs, name, diags, 'suite file');
  const value = text === null ? undefined : parseYaml(text, name, diags).value;
  const ms = performance.now() - t0;
  console.log(
    `${name}: ${ms.toFixed(1)} ms → ${diags.map((d) => `${d.line}:${d.col} ${d.message}`).join(' | ') || 'ok'}`,
  );
  return { diags, value, ms };
}

const aliasBomb = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'tests: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  '',
].join('\n');

describe('hostile files get one diagnostic at a position', () => {
  const cases: Array<{
    name: string;
    content: () => string | Buffer;
    at: [number, number];
    message: RegExp;
  }> = [
    {
      name: 'nul.yaml',
      content: () => Buffer.from('name: a\ntests:\n  - id: \u0000x\n'),
      at: [3, 9],
      message: /binary \(contains a NUL byte\)/,
    },
    {
      name: 'latin1.yaml',
      content: () => Buffer.from([...Buffer.from('name: caf'), 0xe9, 0x0a]),
      at: [1, 10],
      message: /not valid UTF-8/,
    },
    {
      name: 'random-bytes.yaml',
      content: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      // A PNG header: the NUL comes after its \r\n and \x1a\n, so on line 3.
      at: [3, 1],
      message: /binary/,
    },
    { name: 'alias-bomb.yaml', content: () => aliasBomb, at: [2, 8], message: /alias bomb/ },
    {
      name: 'deep-flow-100k.yaml',
      content: () => `tests: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      at: [1, 8 + maxDepth],
      message: /nesting is deeper than 64 levels/,
    },
    {
      name: 'deep-compact-seq.yaml',
      content: () => `tests:\n${'- '.repeat(100_000)}x\n`,
      at: [2, 2 * maxDepth * 2 + 1],
      message: /nesting is deeper than 64 levels/,
    },
    {
      name: 'deep-indent.yaml',
      content: () =>
        `tests:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}\n`,
      at: [maxDepth * 2 + 1, maxDepth * 2 + 1],
      message: /nesting is deeper than 64 levels/,
    },
    {
      // 20 block levels + 50 flow levels: each scan alone passes, the parsed tree is 71 deep.
      // Reported at the first node past 64: the 44th `[` (depth 22 + 43) on line 21.
      name: 'deep-but-parsable.yaml',
      content: () =>
        `a:\n${Array.from({ length: 19 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}\n${' '.repeat(20)}x: ${'['.repeat(50)}${']'.repeat(50)}\n`,
      at: [21, 67],
      message: /nesting is deeper than 64 levels/,
    },
    {
      name: 'two-docs.yaml',
      content: () => 'tests: []\n---\nname: b\n',
      at: [2, 1],
      message: /several YAML documents/,
    },
    {
      name: 'dup.yaml',
      content: () => 'name: a\ntests: []\nname: b\n',
      at: [3, 1],
      message: /duplicate key "name"/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.message.source}`, async () => {
      const { diags, value } = await load(c.name, c.content());
      expect(diags).toHaveLength(1);
      expect(diags[0]!.message).toMatch(c.message);
      expect([diags[0]!.line, diags[0]!.col]).toEqual(c.at);
      expect(value).toBeUndefined();
    });
  }

  it('refuses a 50 MB file by its size, without reading it', async () => {
    const abs = join(dir, 'huge.yaml');
    const fh = await open(abs, 'w');
    // A sparse 50 MB file: the size check must not depend on the content.
    await fh.truncate(50 * 1024 * 1024);
    await fh.close();
    const t0 = performance.now();
    const diags: Diagnostic[] = [];
    const text = await readTextFile(abs, 'huge.yaml', diags, 'suite file');
    console.log(`huge.yaml: ${(performance.now() - t0).toFixed(1)} ms → ${diags[0]?.message}`);
    expect(text).toBeNull();
    expect(diags).toEqual([
      expect.objectContaining({
        line: 1,
        col: 1,
        message: expect.stringMatching(/is 50\.0 MB; at most 10 MB/),
      }),
    ]);
  });

  it('reads an empty file as empty text with no diagnostic (the loader words the "empty" error)', async () => {
    const { diags, value } = await load('empty.yaml', '');
    expect(diags).toEqual([]);
    expect(value).toBeNull();
  });

  it('drops a UTF-8 BOM', async () => {
    const { diags, value } = await load('bom.yaml', '\ufeffname: a\n');
    expect(diags).toEqual([]);
    expect(value).toEqual({ name: 'a' });
  });
});

describe('the pre-parse scans do not refuse ordinary suites', () => {
  it('ignores brackets inside quotes, comments and plain words', () => {
    const text = [
      `a: "${'['.repeat(500)}"`,
      `b: '${'{'.repeat(500)}'`,
      `# ${'['.repeat(500)}`,
      `c: x${'['.repeat(500)}`,
      'd: [[1, 2], {e: [3]}]',
    ].join('\n');
    expect(checkFlowDepth(text)).toBeNull();
  });

  it('skips the lines of block scalars, however they are indented', () => {
    const code = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 4)}x`).join('\n');
    expect(checkBlockDepth(`prompt: |\n${code}\nnext: 1\n`)).toBeNull();
    expect(checkBlockDepth(`prompt: >-\n${code}\n`)).toBeNull();
    // Without the block scalar the same lines are absurd nesting.
    expect(checkBlockDepth(`prompt:\n${code.replace(/x/g, 'k:')}\n`)).not.toBeNull();
  });

  it('finds NUL before invalid UTF-8 and reports the offset', () => {
    expect(checkBytes(Buffer.from('ok: 1\n'))).toBeNull();
    expect(checkBytes(Buffer.from([0x61, 0x00]))).toEqual({
      offset: 1,
      message: expect.stringMatching(/NUL/),
    });
    expect(checkBytes(Buffer.from([0x61, 0x62, 0xc3]))).toEqual({
      offset: 2,
      message: expect.stringMatching(/UTF-8/),
    });
  });

  it('keeps positions for keys and values through aliases and merge keys', () => {
    const diags: Diagnostic[] = [];
    const text =
      'base: &b\n  temperature: 3\nparams:\n  <<: *b\n  seed: 0\ntests:\n  - id: x\n    promt: hi\n';
    const { value, locator } = parseYaml(text, 's.yaml', diags);
    expect(diags).toEqual([]);
    expect(value).toMatchObject({ params: { temperature: 3, seed: 0 } });
    expect(locator.locate(['params', 'seed'])).toEqual({ line: 5, col: 9 });
    expect(locator.locate(['tests', 0, 'promt'], 'key')).toEqual({ line: 8, col: 5 });
    expect(locator.locate(['tests', 0, 'promt'])).toEqual({ line: 8, col: 12 });
    // A path past the document points at the deepest node that exists.
    expect(locator.locate(['tests', 0, 'assert', 3])).toEqual({ line: 7, col: 5 });
    expect(locator.diag(['tests', 0, 'promt'], 'unknown', { part: 'key', suggestion: 'prompt' })).toEqual({
      file: 's.yaml',
      line: 8,
      col: 5,
      path: 'tests[0].promt',
      message: 'unknown',
      suggestion: 'prompt',
    });
  });
});
