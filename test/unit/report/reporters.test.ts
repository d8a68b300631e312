import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formats } from '../../../src/config/table.js';
import { fileReporters, writeReports } from '../../../src/report/reporters.js';
import { fakeReport } from '../../utils/fake-report.js';

describe('fileReporters', () => {
  it('has one reporter per --format, each a peer with onRunEnd', () => {
    expect(Object.keys(fileReporters).sort()).toEqual([...formats].sort());
    for (const [name, r] of Object.entries(fileReporters)) {
      expect(r.name).toBe(name);
      expect(typeof r.onRunEnd).toBe('function');
    }
  });

  it('every reporter writes a non-empty file and returns its path (conformance)', async () => {
    const report = fakeReport({ cases: 40, hostile: true, seed: 12 });
    for (const [name, reporter] of Object.entries(fileReporters)) {
      const dir = await mkdtemp(join(tmpdir(), `qeval-${name}-`));
      const paths = await reporter.onRunEnd(report, { outDir: dir });
      expect(paths).toHaveLength(1);
      expect(paths[0]!.startsWith(dir)).toBe(true);
      expect((await stat(paths[0]!)).size).toBeGreaterThan(200);
    }
  });

  it('writeReports makes the directory and writes the chosen formats once each, in order', async () => {
    const base = await mkdtemp(join(tmpdir(), 'qeval-out-'));
    const out = join(base, 'a', 'b');
    const report = fakeReport({ cases: 10, seed: 1 });
    const paths = await writeReports(report, out, ['md', 'json', 'md', 'junit']);
    expect(paths).toEqual([join(out, 'summary.md'), join(out, 'report.json'), join(out, 'junit.xml')]);
    expect(JSON.parse(await readFile(join(out, 'report.json'), 'utf8')).cases).toHaveLength(10);
  });
});
