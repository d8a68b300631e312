import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../../src/contracts/result.js';
import { ResultsWriter, readResults } from '../../../src/run/results-stream.js';

function result(id: string, status: CaseResult['status'] = 'pass'): CaseResult {
  return {
    id,
    suite: 's',
    suite_file: 's.yaml',
    test_id: id,
    model: 'qwen-max',
    variant: null,
    sample: 0,
    lang: 'en',
    tags: [],
    status,
    score: status === 'pass' ? 1 : 0,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'hi' }] },
    response: null,
    assertions: [],
    error: null,
    line: 1,
    col: 1,
    started_at: new Date(0).toISOString(),
    duration_ms: 1,
  };
}

describe('results.jsonl', () => {
  it('writes one line per case and reads them back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeval-results-'));
    const path = join(dir, 'out', 'results.jsonl');
    const w = await ResultsWriter.open(path, false);
    w.write(result('a'));
    w.write(result('b', 'fail'));
    await w.close();
    const text = await readFile(path, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    const { results, skipped } = await readResults(path);
    expect([...results.keys()]).toEqual(['a', 'b']);
    expect(results.get('b')!.status).toBe('fail');
    expect(skipped).toBe(0);
  });

  it('skips a torn last line and appends on resume', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeval-results-'));
    const path = join(dir, 'results.jsonl');
    const w = await ResultsWriter.open(path, false);
    w.write(result('a'));
    await w.close();
    await appendFile(path, '{"id":"b","sta');
    const first = await readResults(path);
    expect([...first.results.keys()]).toEqual(['a']);
    expect(first.skipped).toBe(1);

    const again = await ResultsWriter.open(path, true);
    again.write(result('c'));
    await again.close();
    // The torn fragment and the next line share a physical line: that line is unreadable,
    // and `c` must still be there on its own line — so the writer starts appends on a fresh line.
    const second = await readResults(path);
    expect(second.results.has('a')).toBe(true);
    expect(second.results.has('c')).toBe(true);
  });

  it('reads nothing from a missing file', async () => {
    const { results } = await readResults(join(tmpdir(), 'does-not-exist-qeval.jsonl'));
    expect(results.size).toBe(0);
  });

  it('reads an id written in NFD under its NFC spelling (results from before ids were NFC)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeval-results-'));
    const path = join(dir, 'results.jsonl');
    await appendFile(path, `${JSON.stringify(result('cafe\u0301'))}\n${JSON.stringify(result('plain'))}\n`);
    const { results } = await readResults(path);
    expect([...results.keys()]).toEqual(['caf\u00e9', 'plain']);
    expect(results.get('caf\u00e9')).toMatchObject({ id: 'caf\u00e9', test_id: 'caf\u00e9' });
  });
});
