import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { writeReportJson } from '../../../src/report/json.js';
import { readReport } from '../../../src/report/read.js';
import { fakeReport } from '../../utils/fake-report.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-read-'));
});

async function rejection(path: string): Promise<InputError> {
  const err = await readReport(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('readReport', () => {
  it('reads a report written by the json reporter', async () => {
    const report = fakeReport({ cases: 10, seed: 1 });
    const path = join(dir, 'ok.json');
    await writeReportJson(report, path);
    expect(await readReport(path)).toEqual(report);
  });

  it('a missing file is an input error naming it (exit 2)', async () => {
    const path = join(dir, 'nope.json');
    const err = await rejection(path);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(path);
    expect(err.message).toContain('no such file');
  });

  it('bad JSON is an input error naming the file', async () => {
    const path = join(dir, 'torn.json');
    await writeFile(path, '{"version": 1, "run": {');
    const err = await rejection(path);
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('JSON that is not a qeval report is an input error', async () => {
    const path = join(dir, 'package.json');
    await writeFile(path, JSON.stringify({ name: 'x', version: '1.0.0' }));
    const err = await rejection(path);
    expect(err.message).toMatch(/is not a qeval report/);
  });

  it('an unsupported version is an input error that says which versions are read', async () => {
    const path = join(dir, 'future.json');
    await writeFile(path, JSON.stringify({ ...fakeReport({ cases: 1 }), version: 99 }));
    const err = await rejection(path);
    expect(err.message).toContain('version 99');
    expect(err.message).toContain('version 1');
  });
});
