import { describe, expect, it } from 'vitest';
import { clientCase, clientCaseChunks, DISPLAY_CHARS, scriptSafeJson } from '../../../src/report/embed.js';
import { fakeReport, HOSTILE_OUTPUTS } from '../../utils/fake-report.js';

describe('scriptSafeJson', () => {
  it('has no character that could end a script element or a JS string, and parses back', () => {
    for (const text of [...HOSTILE_OUTPUTS, '</SCRIPT >', '<!--<script>', 'a\u2028b\u2029c', 'x & y > z']) {
      const json = scriptSafeJson({ text });
      expect(json).not.toMatch(/[<>&\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual({ text });
    }
  });
});

describe('clientCase', () => {
  it('keeps what the page shows: messages, output, assertion reasons, usage, source', () => {
    const report = fakeReport({ cases: 12, seed: 3 });
    const c = report.cases.find((x) => x.status === 'fail')!;
    const p = clientCase(c);
    expect(p.i).toBe(c.id);
    expect(p.o).toBe(c.response!.output);
    expect(p.msg.map((m) => m[0])).toEqual(['system', 'user']);
    expect(p.a.map((a) => a[4])).toEqual(c.assertions.map((a) => a.reason));
    expect(p.tok).toEqual([
      c.response!.usage!.prompt_tokens,
      c.response!.usage!.completion_tokens,
      c.response!.usage!.total_tokens,
    ]);
    expect(p.src).toBe(c.response!.source);
  });

  it('caps a very long answer for display, saying where the whole text is', () => {
    const report = fakeReport({ cases: 12, seed: 3 });
    const c = structuredClone(report.cases.find((x) => x.status === 'pass')!);
    c.response = { ...c.response!, output: 'é'.repeat(DISPLAY_CHARS + 12_345) };
    const p = clientCase(c);
    expect(p.o!.startsWith('é'.repeat(DISPLAY_CHARS))).toBe(true);
    expect(
      p.o!.endsWith('[… 12,345 more characters: the whole text is in report.json and results.jsonl]'),
    ).toBe(true);
    expect(c.response.output).toHaveLength(DISPLAY_CHARS + 12_345);
  });

  it('carries the error of a case without a response', () => {
    const report = fakeReport({ cases: 300, seed: 3 });
    const c = report.cases.find((x) => x.status === 'error')!;
    const p = clientCase(c);
    expect(p.o).toBeNull();
    expect(p.e?.[0]).toBe('cassette-miss');
    expect(p.e?.[1]).toContain('--mode record');
  });

  it('the chunks join into a JSON array of every case', () => {
    const report = fakeReport({ cases: 50, hostile: true, seed: 8 });
    const parsed = JSON.parse([...clientCaseChunks(report.cases)].join(''));
    expect(parsed).toHaveLength(50);
    expect(parsed.map((c: { i: string }) => c.i)).toEqual(report.cases.map((c) => c.id));
  });
});
