/** Test ids are NFC: the NFC and NFD spellings of one id are one test, from YAML and from datasets. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { loadSuites } from '../../../src/suite/load.js';

const nfc = 'caf\u00e9';
const nfd = 'cafe\u0301';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-nfc-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('NFC test ids', () => {
  it('reports the NFD spelling of an NFC id as a duplicate', async () => {
    await writeFile(
      join(dir, 'dup.yaml'),
      `name: dup\ntests:\n  - { id: ${nfc}, prompt: one }\n  - { id: ${nfd}, prompt: two }\n`,
    );
    const err = await loadSuites(['dup.yaml'], { cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).diagnostics).toMatchObject([
      {
        file: 'dup.yaml',
        line: 4,
        message: `duplicate test id "${nfc}" (first used at line 3); ids must be unique in a suite`,
      },
    ]);
  });

  it('gives a YAML test and a dataset row their id in NFC', async () => {
    await writeFile(join(dir, 'one.yaml'), `name: one\ntests:\n  - { id: ${nfd}, prompt: one }\n`);
    await writeFile(join(dir, 'rows.csv'), `id,word\n${nfd},x\n`);
    await writeFile(
      join(dir, 'rows.yaml'),
      'name: rows\nprompts: { main: "{{word}}" }\ntests: file://rows.csv\n',
    );
    const { suites } = await loadSuites(['one.yaml', 'rows.yaml'], { cwd: dir });
    expect(suites.map((s) => s.tests[0]!.id)).toEqual([nfc, nfc]);
    // The var keeps the row's text as written.
    expect(suites[1]!.tests[0]!.vars.id).toBe(nfd);
  });
});
