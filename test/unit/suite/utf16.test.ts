/** UTF-16 suites and data files with a BOM are read (positions in characters); without one, refused with the way out. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/contracts/diagnostic.js';
import { ValidationError } from '../../../src/errors.js';
import { loadSuites } from '../../../src/suite/load.js';
import { decodeText } from '../../../src/suite/source-limits.js';
import { utf16 } from '../../utils/utf16.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-utf16-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function diagnostics(file: string): Promise<Diagnostic[]> {
  const err = await loadSuites([file], { cwd: dir }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).diagnostics;
}

describe('decodeText', () => {
  it('reads UTF-16 LE and BE with a BOM, and UTF-8 with or without one', () => {
    for (const buf of [
      utf16('héllo 😀', 'le'),
      utf16('héllo 😀', 'be'),
      Buffer.from('\ufeffhéllo 😀'),
      Buffer.from('héllo 😀'),
    ]) {
      expect(decodeText(buf)).toEqual({ text: 'héllo 😀' });
    }
  });

  it('says to save as UTF-8: UTF-16 without a BOM, UTF-32, a cut-off UTF-16 character', () => {
    expect(decodeText(utf16('name: a\ntests: []\n', 'le', false))).toMatchObject({
      message: expect.stringContaining('UTF-16 LE without a byte-order mark: save it as UTF-8'),
    });
    expect(decodeText(utf16('name: a\ntests: []\n', 'be', false))).toMatchObject({
      message: expect.stringContaining('UTF-16 BE without a byte-order mark'),
    });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).toMatchObject({
      message: expect.stringContaining('UTF-32'),
    });
    expect(decodeText(Buffer.concat([utf16('ab', 'le'), Buffer.from([0x63])]))).toMatchObject({
      message: expect.stringContaining('not valid UTF-16LE'),
    });
  });

  it('keeps refusing binary content, at the NUL', () => {
    expect(decodeText(Buffer.from('name: a\n\u0000'))).toEqual({
      message: 'file is binary (contains a NUL byte), not a UTF-8 text file',
      before: 'name: a\n',
    });
    expect(decodeText(utf16('a\nb\u0000', 'le'))).toEqual({
      message: 'file is binary (contains a NUL character), not a text file',
      before: 'a\nb',
    });
  });
});

describe('UTF-16 suite and dataset files', () => {
  it('loads a UTF-16 LE suite over a UTF-16 BE CSV dataset', async () => {
    await writeFile(
      join(dir, 'a.yaml'),
      utf16('name: a\nprompts: { main: "{{word}}" }\ntests: file://a.csv\n', 'le'),
    );
    await writeFile(join(dir, 'a.csv'), utf16('id,word\nrow-é,Grüße\n', 'be'));
    const { suites } = await loadSuites(['a.yaml'], { cwd: dir });
    expect(suites[0]!.tests.map((t) => [t.id, t.vars.word, t.pos])).toEqual([
      ['row-é', 'Grüße', { file: 'a.csv', line: 2, col: 1 }],
    ]);
  });

  it('positions a problem in a UTF-16 file by characters', async () => {
    await writeFile(join(dir, 'b.yaml'), utf16('name: b\ntests:\n  - { id: ü, promt: hi }\n', 'le'));
    const [d] = await diagnostics('b.yaml');
    expect(d).toMatchObject({ file: 'b.yaml', line: 3, col: 14, path: 'tests[0].promt' });
  });

  it('refuses a UTF-16 suite without a BOM with the way out', async () => {
    await writeFile(join(dir, 'c.yaml'), utf16('name: c\ntests: []\n', 'le', false));
    const [d] = await diagnostics('c.yaml');
    expect(d).toMatchObject({ file: 'c.yaml', line: 1, col: 1 });
    expect(d!.message).toBe(
      'suite file: file looks like UTF-16 LE without a byte-order mark: save it as UTF-8 (or as UTF-16 with a BOM)',
    );
  });

  it('reads a UTF-16 prompt file, and refuses a binary one at its reference', async () => {
    await writeFile(join(dir, 'p.txt'), utf16('Grüße, {{name}}!\r\n', 'le'));
    await writeFile(
      join(dir, 'd.yaml'),
      'name: d\ntests:\n  - { id: a, prompt: file://p.txt, vars: { name: Ana } }\n',
    );
    const { suites } = await loadSuites(['d.yaml'], { cwd: dir });
    expect(suites[0]!.tests[0]!.prompt).toBe('Grüße, {{name}}!');

    await writeFile(join(dir, 'p.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const [d] = await diagnostics('d.yaml');
    expect(d).toMatchObject({ file: 'd.yaml', line: 3, col: 22 });
    expect(d!.message).toBe(
      'prompt file file://p.txt: file is binary (contains a NUL byte), not a UTF-8 text file',
    );
  });
});
