/** `qeval compare` as a process, on reports built from CaseResult fixtures (the built CLI in dist/). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/contracts/report.js';
import { summarize } from '../../src/report/summary.js';
import { makeReport } from '../unit/compare/make-case.js';
import { scenario } from '../unit/compare/scenario.js';
import { runCli } from '../utils/cli.js';

let dir: string;

function write(name: string, report: Report): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ ...report, summary: summarize(report.cases) }));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qeval-compare-'));
  const { a, b } = scenario();
  write('a.json', makeReport(a, 'run-a'));
  write('b.json', makeReport(b, 'run-b'));
  write('both.json', makeReport([...a, ...b], 'run-both'));
  writeFileSync(join(dir, 'broken.json'), '{"version": 1, "run": ');
  writeFileSync(join(dir, 'other.json'), '{"hello": "world"}');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qeval compare', () => {
  it('writes compare.json/html/md, prints regressions first and the verdict, exits 1 on regressions', async () => {
    const out = join(dir, 'out');
    const r = await runCli(['compare', join(dir, 'a.json'), join(dir, 'b.json'), '-o', out, '--seed', '7']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('Regressions (pass → fail) (10):\n')).toBe(true);
    expect(r.stdout).toMatch(
      /qwen-max-2025-01-25 vs qwen-max: −16\.0 pp pass rate, 95% CI \[.+\], McNemar p = 0\.039 — worse\n/,
    );
    const json = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(json.version).toBe(1);
    expect(json.mcnemar.p).toBeCloseTo(158 / 4096, 14);
    expect(json.regressions.map((t: { test_id: string }) => t.test_id).sort()).toEqual(
      ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'].sort(),
    );
    expect(json.fixes.map((t: { test_id: string }) => t.test_id)).toEqual(['t40', 't41']);
    expect(json.pass_rate_delta.seed).toBe(7);
    expect(readFileSync(join(out, 'compare.md'), 'utf8')).toContain('### Regressions (pass → fail) (10)');
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('exits 0 when B has no regression (B against itself)', async () => {
    const r = await runCli(['compare', join(dir, 'b.json'), join(dir, 'b.json'), '-o', join(dir, 'same')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no significant difference');
  });

  it('compares the two models inside one report with --a/--b, and by default', async () => {
    const args = ['compare', join(dir, 'both.json'), '-o', join(dir, 'within')];
    const explicit = await runCli([...args, '--a', 'qwen-max', '--b', 'qwen-max-2025-01-25']);
    expect(explicit.code).toBe(1);
    expect(explicit.stdout).toContain('McNemar p = 0.039 — worse');
    const implicit = await runCli(args);
    expect(implicit.stdout).toContain('McNemar p = 0.039 — worse');
  });

  it('exits 2 with one clear line for a missing file, bad JSON, a non-report, an unknown model', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['compare', join(dir, 'nope.json'), join(dir, 'b.json')],
        /cannot read report .*nope\.json: no such file/,
      ],
      [['compare', join(dir, 'broken.json'), join(dir, 'b.json')], /broken\.json is not valid JSON/],
      [['compare', join(dir, 'other.json'), join(dir, 'b.json')], /other\.json is not a qeval report/],
      [
        ['compare', join(dir, 'both.json'), '--a', 'qwen-max', '--b', 'gpt-x'],
        /"gpt-x" is not a model or a prompt variant/,
      ],
      [['compare', join(dir, 'a.json'), join(dir, 'b.json'), '--seed', 'abc'], /--seed must be an integer/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli([...args, '-o', join(dir, 'never')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
