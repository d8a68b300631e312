import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortKeysDeep } from '../../../src/cassette/key.js';
import {
  cassettePath,
  readCassette,
  safeFileName,
  serialiseCassette,
  validateCassette,
  writeCassette,
} from '../../../src/cassette/store.js';
import type { CassetteEntry, CassetteFile } from '../../../src/cassette/types.js';
import { CassetteFileError } from '../../../src/errors.js';
import { scrubSecret } from '../../../src/provider/secret.js';
import { cassetteEntry } from './helpers.js';

const entry = (key: string): CassetteEntry => cassetteEntry(key, { z: 1, a: 2 }, 12.5);
const file = (): CassetteFile => ({
  version: 1,
  suite: 's',
  note: 'simulated',
  entries: { bbb: entry('bbb'), aaa: entry('aaa') },
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-store-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('paths', () => {
  it('makes a suite name safe as a file name', () => {
    const escaped = safeFileName('../../etc/passwd');
    expect(escaped).toBe('____etc_passwd');
    expect(escaped).not.toMatch(/\.\.|\/|^\./);
    expect(safeFileName('.hidden')).toBe('_hidden');
    expect(safeFileName('a/b\\c')).toBe('a_b_c');
    expect(safeFileName('多语言 问候')).toBe('多语言_问候');
    expect(safeFileName('')).toBe('suite');
  });
  it('puts a cassette beside its suite, or in --cassettes', () => {
    expect(cassettePath({ name: 'greetings', file: join('suites', 'g.yaml') })).toBe(
      join('suites', '__cassettes__', 'greetings.json'),
    );
    expect(cassettePath({ name: 'greetings', file: 'x/g.yaml' }, '/tmp/c')).toBe(
      join('/tmp/c', 'greetings.json'),
    );
  });
});

describe('serialise and read', () => {
  it('writes version, suite and note first, entries sorted by key, keys sorted inside, 2-space JSON', () => {
    const text = serialiseCassette(file());
    expect(
      text.startsWith(
        '{\n  "version": 1,\n  "suite": "s",\n  "note": "simulated",\n  "entries": {\n    "aaa": {',
      ),
    ).toBe(true);
    expect(text.indexOf('"a": 2')).toBeLessThan(text.indexOf('"z": 1'));
    expect(text.endsWith('}\n')).toBe(true);
  });
  it('round-trips through an atomic write, leaving no temporary file', async () => {
    const path = join(dir, 'deep', '__cassettes__', 's.json');
    await writeCassette(path, file());
    expect(await readdir(join(dir, 'deep', '__cassettes__'))).toEqual(['s.json']);
    const back = await readCassette(path);
    expect(back).toEqual(JSON.parse(serialiseCassette(file())));
    expect(await readFile(path, 'utf8')).toBe(serialiseCassette(file()));
  });
  it('treats a missing file as no cassette', async () => {
    expect(await readCassette(join(dir, 'absent.json'))).toBeUndefined();
  });
});

describe('validateCassette', () => {
  const bad = (data: unknown) => () => validateCassette(data, 'c.json');
  it('names the file and the problem', () => {
    expect(bad([])).toThrow(CassetteFileError);
    expect(bad({ version: 9, suite: 's', entries: {} })).toThrow(/c\.json: unsupported version 9/);
    expect(bad({ version: 1, suite: 's', entries: { k: { ...entry('other') } } })).toThrow(
      /entry k has "key" "other"/,
    );
    expect(bad({ version: 1, suite: 's', entries: { k: { ...entry('k'), recorded_at: 'never' } } })).toThrow(
      /recorded_at/,
    );
    expect(
      bad({
        version: 1,
        suite: 's',
        entries: { k: { ...entry('k'), response: { status: 200, headers: {}, chunks: [{ t: 1 }] } } },
      }),
    ).toThrow(/chunks/);
  });
  it('accepts a valid cassette', () => {
    expect(validateCassette(file(), 'c.json').suite).toBe('s');
  });
});

describe('entry-by-entry writing', () => {
  // The text the writer produced before it streamed: one JSON.stringify of the whole file.
  const wholeFile = (f: CassetteFile, apiKey?: string) => {
    const sorted = Object.fromEntries(
      Object.keys(f.entries)
        .sort()
        .map((k) => [k, sortKeysDeep(f.entries[k]!)]),
    );
    const { version, suite, note } = f;
    const ordered =
      note === undefined ? { version, suite, entries: sorted } : { version, suite, note, entries: sorted };
    return `${scrubSecret(JSON.stringify(ordered, null, 2), apiKey)}\n`;
  };
  it('writes exactly the text of one JSON.stringify of the file', () => {
    const odd = entry('ccc');
    odd.request = {
      model: 'm',
      messages: [{ role: 'user', content: '多语言 "quoted"\nline sk-secret' }],
      stop: [],
    };
    odd.response = { status: 200, headers: {}, chunks: [{ t: 1, data: 'data: {}\n\n' }] };
    const f: CassetteFile = { ...file(), entries: { ...file().entries, ccc: odd } };
    expect(serialiseCassette(f, 'sk-secret')).toBe(wholeFile(f, 'sk-secret'));
    const { note: _, ...noNote } = f;
    expect(serialiseCassette(noNote)).toBe(wholeFile(noNote));
    expect(serialiseCassette({ version: 1, suite: 'empty', entries: {} })).toBe(
      wholeFile({ version: 1, suite: 'empty', entries: {} }),
    );
  });
  it('streams a cassette too large for one batch', async () => {
    const big: CassetteFile = { version: 1, suite: 'big', entries: {} };
    for (let i = 0; i < 3000; i++) {
      const k = `k${String(i).padStart(5, '0')}`;
      big.entries[k] = { ...entry(k), response: { ...entry(k).response, body: { text: 'x'.repeat(500) } } };
    }
    const path = join(dir, 'big.json');
    await writeCassette(path, big);
    expect(await readFile(path, 'utf8')).toBe(wholeFile(big));
  });
});
