import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { execute, parseFormats } from '../../../src/cli/commands/report.js';
import { InputError } from '../../../src/errors.js';
import { writeReportJson } from '../../../src/report/json.js';
import { summaryMarkdown } from '../../../src/report/markdown.js';
import { fakeReport } from '../../utils/fake-report.js';

let out: string[];
beforeEach(() => {
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('qeval report', () => {
  it('re-renders beside the report by default, prints the paths, returns 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeval-rr-'));
    const report = fakeReport({ cases: 25, seed: 3 });
    await writeReportJson(report, join(dir, 'report.json'));
    const code = await execute(join(dir, 'report.json'), { format: 'html,md' });
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.json', 'summary.md']);
    expect(out.join('')).toBe(`${join(dir, 'report.html')}\n${join(dir, 'summary.md')}\n`);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(summaryMarkdown(report));
  });

  it('writes into -o and defaults to html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeval-rr-'));
    await writeReportJson(fakeReport({ cases: 5, seed: 3 }), join(dir, 'report.json'));
    const target = join(dir, 'rendered');
    expect(await execute(join(dir, 'report.json'), { output: target })).toBe(0);
    expect(await readdir(target)).toEqual(['report.html']);
  });

  it('an unknown format or a missing report is an input error (exit 2)', async () => {
    expect(() => parseFormats('html,pdf')).toThrow(InputError);
    expect(() => parseFormats('html,pdf')).toThrow(/pdf/);
    expect(parseFormats(['json', 'junit,md'])).toEqual(['json', 'junit', 'md']);
    const err = await execute('/nonexistent/report.json', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
  });
});
