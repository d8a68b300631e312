import { mkdtemp, readFile, rm } from 'node:fs/promises';
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

  it('writes a small file whole and a large one streamed, byte for byte', async () => {
    for (const [name, count] of [
      ['small.txt', 10],
      ['large.txt', 80_000],
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
      await writeChunks(path, chunks());
      expect(produced).toBe(count);
      expect(await readFile(path, 'utf8')).toBe(parts.join(''));
    }
    // The large one is past the one-write size, so it went through the stream.
    expect((await readFile(join(dir, 'large.txt'), 'utf8')).length).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('writes an empty file for no chunks, and reports a path it cannot write', async () => {
    await writeChunks(join(dir, 'empty.txt'), []);
    expect(await readFile(join(dir, 'empty.txt'), 'utf8')).toBe('');
    await expect(writeChunks(join(dir, 'missing', 'x.txt'), ['a'])).rejects.toThrow(/ENOENT/);
    const big = Array.from({ length: 50_000 }, () => 'y'.repeat(100));
    await expect(writeChunks(join(dir, 'missing', 'y.txt'), big)).rejects.toThrow(/ENOENT/);
  });
});
