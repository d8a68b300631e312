import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJsonChunks, writeReportJson } from '../../../src/report/json.js';
import { fakeReport, partialComparison } from '../../utils/fake-report.js';
import { reportValidator } from './validate-report.js';

describe('report.json', () => {
  it('round-trips a report exactly', async () => {
    const report = fakeReport({ cases: 120, hostile: true, seed: 5 });
    const dir = await mkdtemp(join(tmpdir(), 'qeval-json-'));
    const path = join(dir, 'report.json');
    await writeReportJson(report, path);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(report);
  });

  it('writes one case per line inside the cases array, and the header pretty-printed', () => {
    const report = fakeReport({ cases: 30, seed: 2 });
    const text = [...reportJsonChunks(report)].join('');
    const lines = text.split('\n');
    const caseLines = lines.filter((l) => l.startsWith('    {"id":'));
    expect(caseLines).toHaveLength(30);
    expect(lines[1]).toBe('  "version": 1,');
    expect(text).toContain('\n  "run": {\n    "id": ');
    // Each case line is a JSON object on its own.
    expect(JSON.parse(caseLines[0]!.trim().replace(/,$/, '')).id).toBe(report.cases[0]!.id);
  });

  it('writes an empty case list and a comparison when present', () => {
    const report = {
      ...fakeReport({ cases: 0 }),
      comparison: partialComparison({ verdict: { text: 'no difference' } }),
    };
    const parsed = JSON.parse([...reportJsonChunks(report)].join(''));
    expect(parsed.cases).toEqual([]);
    expect(parsed.comparison.verdict.text).toBe('no difference');
  });

  it('streams large reports in bounded chunks', () => {
    const report = fakeReport({ cases: 2000, seed: 9 });
    let largest = 0;
    let count = 0;
    for (const chunk of reportJsonChunks(report)) {
      largest = Math.max(largest, chunk.length);
      count++;
    }
    expect(count).toBeGreaterThan(2000);
    // The largest chunk is the summary, not the cases.
    expect(largest).toBeLessThan(64 * 1024);
  });

  it('is valid against schema/report.schema.json', () => {
    const validate = reportValidator();
    const report = fakeReport({ cases: 200, hostile: true, seed: 4, variants: [null, 'v2'] });
    const parsed = JSON.parse([...reportJsonChunks(report)].join(''));
    const ok = validate(parsed);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema rejects what the contract does not allow', () => {
    const validate = reportValidator();
    const report = JSON.parse(JSON.stringify(fakeReport({ cases: 3, seed: 4 })));
    report.cases[0].status = 'passed';
    expect(validate(report)).toBe(false);
    const noVersion = { ...JSON.parse(JSON.stringify(fakeReport({ cases: 1 }))), version: 2 };
    expect(validate(noVersion)).toBe(false);
    const missingField = JSON.parse(JSON.stringify(fakeReport({ cases: 1 })));
    delete missingField.cases[0].test_id;
    expect(validate(missingField)).toBe(false);
  });
});
