import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations } from '../../../src/report/github.js';
import { summaryMarkdown } from '../../../src/report/markdown.js';
import { fakeReport } from '../../utils/fake-report.js';

describe('GitHub Actions annotations', () => {
  it('does nothing outside GitHub Actions', async () => {
    const report = fakeReport({ cases: 60, seed: 2 });
    expect(await githubAnnotations(report, {})).toEqual([]);
    expect(await githubAnnotations(report, { GITHUB_ACTIONS: 'false' })).toEqual([]);
  });

  it('annotates each failing test once, at its line in its YAML file', async () => {
    const report = fakeReport({ cases: 120, seed: 2 });
    const lines = await githubAnnotations(report, { GITHUB_ACTIONS: 'true' });
    const failingTests = new Set(
      report.cases
        .filter((c) => c.status === 'fail' || c.status === 'error')
        .map((c) => `${c.suite_file}:${c.line}:${c.test_id}`),
    );
    expect(lines).toHaveLength(failingTests.size);
    // A test's annotation stands on its first failing case; take a test whose first one failed.
    const first = new Map<string, (typeof report.cases)[number]>();
    for (const x of report.cases) {
      const k = `${x.suite_file}:${x.line}:${x.test_id}`;
      if ((x.status === 'fail' || x.status === 'error') && !first.has(k)) first.set(k, x);
    }
    const c = [...first.values()].find((x) => x.status === 'fail')!;
    const line = lines.find((l) => l.includes(`title=qeval%3A ${c.test_id} `))!;
    expect(line.startsWith(`::error file=${c.suite_file},line=${c.line},col=${c.col},title=`)).toBe(true);
    // The message carries the failed assertion's reason, with newlines escaped.
    const reason = c.assertions.find((a) => !a.pass)!.reason;
    expect(line.split('::')[2]).toContain(escapeData(reason));
    expect(line).not.toContain('\n');
  });

  it('escapes per the workflow-command rules', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('appends the Markdown summary to GITHUB_STEP_SUMMARY', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeval-gh-'));
    const file = join(dir, 'step-summary.md');
    await writeFile(file, 'earlier step\n');
    const report = fakeReport({ cases: 30, seed: 3 });
    await githubAnnotations(report, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: file });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('earlier step\n')).toBe(true);
    expect(text).toContain(summaryMarkdown(report));
  });
});
