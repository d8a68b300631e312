import { describe, expect, it } from 'vitest';
import { caseBase, diffRequests, formatDiff, nearestEntry } from '../../../src/cassette/nearest.js';
import type { CassetteEntry } from '../../../src/cassette/types.js';
import type { ChatRequest } from '../../../src/contracts/chat.js';

const req = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'qwen-max',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content },
  ],
  temperature: 0,
  ...extra,
});
const entry = (case_id: string, request: ChatRequest, sample = 0, purpose: 'test' | 'grader' = 'test') =>
  ({ key: case_id, case_id, sample, purpose, request, recorded_at: '2025-01-01T00:00:00Z' }) as CassetteEntry;

describe('diffRequests', () => {
  it('names the message index, the param and the sample that changed', () => {
    const d = diffRequests(req('Hi', { max_tokens: 10 }), 0, req('Hello', { temperature: 0.5 }), 2);
    expect(formatDiff(d)).toEqual([
      '  messages[1].content: "Hi" → "Hello"',
      '  max_tokens: 10 → (absent)',
      '  temperature: 0 → 0.5',
      '  sample: 0 → 2',
    ]);
  });
  it('shows a change deep in a long prompt around where it happens', () => {
    const long = 'lorem ipsum '.repeat(20);
    const [d] = diffRequests(req(`${long}cat`), 0, req(`${long}dog`), 0);
    expect(d!.field).toBe('messages[1].content');
    expect(d!.recorded).toMatch(/^….*cat"$/);
    expect(d!.now).toMatch(/^….*dog"$/);
    expect(d!.now.length).toBeLessThan(80);
  });
  it('reports an added message', () => {
    const current = req('Hi');
    current.messages.push({ role: 'user', content: 'more' });
    expect(formatDiff(diffRequests(req('Hi'), 0, current, 0))).toEqual([
      '  messages[2]: (absent) → {"role":"user","content":"more"}',
    ]);
  });
});

describe('nearestEntry', () => {
  const entries = [
    entry('s/other/qwen-max#0', req('Hello')),
    entry('s/greet/qwen-max#0', req('Bonjour à tous')),
    entry('s/greet/qwen-max#1', req('Bonjour à tous'), 1),
    entry('s/greet/qwen-max#0', req('Grade it'), 0, 'grader'),
  ];
  it('prefers the same test, then the fewest differences, and keeps purposes apart', () => {
    const near = nearestEntry(entries, req('Hello'), 1, 's/greet/qwen-max#1', 'test');
    expect(near?.entry.case_id).toBe('s/greet/qwen-max#1');
    expect(near?.diff.map((d) => d.field)).toEqual(['messages[1].content']);
    expect(nearestEntry(entries, req('Grade this'), 0, 's/greet/qwen-max#0', 'grader')?.entry.purpose).toBe(
      'grader',
    );
  });
  it('falls back to the same model and first message', () => {
    const near = nearestEntry(entries, req('Hello', { temperature: 1 }), 0, 's/new/qwen-max#0', 'test');
    expect(near?.entry.case_id).toBe('s/other/qwen-max#0');
  });
  it('finds nothing in an empty cassette', () => {
    expect(nearestEntry([], req('x'), 0, 'a#0', 'test')).toBeUndefined();
  });
  it('strips the sample from a case id', () => {
    expect(caseBase('s/t/zh/qwen-max#12')).toBe('s/t/zh/qwen-max');
    expect(caseBase('no-sample')).toBe('no-sample');
  });
});
