import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeChunks } from '../../../src/report/write-stream.js';

describe('writeChunks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qeval-chunks-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a small report whole and a large one streamed, byte for byte', async () => {
    for (const [name, count, cases] of [
      ['small.txt', 10, 10],
      ['large.txt', 80_000, 80_000],
      ['unknown.txt', 300, undefined],
    ] as const) {
      const parts = Array.from({ length: count }, (_, i) => `${i}: 多语言 ✓ ${'x'.repeat(i % 97)}\n`);
      let produced = 0;
      function* chunks() {
        for (const p of parts) {
          produced++;
          yield p;
        }
      }
      const path = join(dir, name);
      await writeChunks(path, chunks(), cases);
      expect(produced).toBe(count);
      expect(await readFile(path, 'utf8')).toBe(parts.join(''));
    }
  });

  it('writes an empty file for no chunks, and reports a path it cannot write', async () => {
    await writeChunks(join(dir, 'empty.txt'), [], 0);
    await writeChunks(join(dir, 'empty-streamed.txt'), []);
    expect(await readFile(join(dir, 'empty-streamed.txt'), 'utf8')).toBe('');
    expect(await readFile(join(dir, 'empty.txt'), 'utf8')).toBe('');
    await expect(writeChunks(join(dir, 'missing', 'x.txt'), ['a'], 1)).rejects.toThrow(/ENOENT/);
    const big = Array.from({ length: 50_000 }, () => 'y'.repeat(100));
    await expect(writeChunks(join(dir, 'missing', 'y.txt'), big)).rejects.toThrow(/ENOENT/);
  });
});

function* breaksAfter(pieces: string[]): Generator<string> {
  yield* pieces;
  throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
}

describe('writeChunks is atomic', () => {
  for (const cases of [10, 100_000]) {
    it(`keeps the previous file whole when writing fails midway (${cases === 10 ? 'whole' : 'streamed'})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'qeval-atomic-'));
      const path = join(dir, 'report.json');
      await writeFile(path, '{"previous":true}\n');
      const err = await writeChunks(path, breaksAfter(['{"next":', 'x'.repeat(200_000)]), cases).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'E_IO', exitCode: 2 });
      expect((err as Error).message).toContain(`cannot write ${path}: the disk is full (ENOSPC)`);
      expect(await readFile(path, 'utf8')).toBe('{"previous":true}\n');
      expect(await readdir(dir)).toEqual(['report.json']);
    });
  }
  it('replaces the file when it succeeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeval-atomic-'));
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'summary.md');
    await writeFile(path, 'old');
    await writeChunks(path, ['new ', 'text'], 1);
    expect(await readFile(path, 'utf8')).toBe('new text');
    expect(await readdir(dir)).toEqual(['summary.md']);
  });
});
