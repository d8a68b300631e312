import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CassetteLibrary } from '../../../src/cassette/library.js';
import { serialiseCassette } from '../../../src/cassette/store.js';
import type { CassetteEntry } from '../../../src/cassette/types.js';
import { CassetteFileError } from '../../../src/errors.js';
import { cassetteEntry } from './helpers.js';

const entry = (key: string): CassetteEntry => cassetteEntry(key, { ok: key }, 1);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-library-'));
  for (const name of ['a', 'b', 'c']) {
    const text = serialiseCassette({
      version: 1,
      suite: name,
      entries: { [`k-${name}`]: entry(`k-${name}`) },
    });
    await writeFile(join(dir, `${name}.json`), text);
  }
  await writeFile(join(dir, 'bad1.json'), '{ not json');
  await writeFile(join(dir, 'bad2.json'), '{ not json either');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const suite = (name: string) => ({ name, file: join(dir, `${name}.yaml`) });

describe('CassetteLibrary.load', () => {
  it('reads every suite file (the next one while indexing this one) and finds each entry', async () => {
    const lib = await CassetteLibrary.load([suite('a'), suite('b'), suite('c'), suite('missing')], {
      dir,
      read: true,
    });
    for (const name of ['a', 'b', 'c']) expect(lib.lookup(`k-${name}`, name)?.key).toBe(`k-${name}`);
    expect(lib.lookup('k-a', 'missing')?.key).toBe('k-a');
  });

  it('fails on the first broken file, with no stray rejection from the one read ahead', async () => {
    const load = CassetteLibrary.load([suite('a'), suite('bad1'), suite('bad2')], { dir, read: true });
    await expect(load).rejects.toThrow(CassetteFileError);
    await expect(load).rejects.toThrow(/bad1\.json/);
    // Give a stray rejection of bad2 the chance to surface (vitest fails the run on one).
    await new Promise((r) => setTimeout(r, 20));
  });
});
