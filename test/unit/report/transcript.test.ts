/** The transcript in the reports: the page's data, the one-line form of JUnit and summary.md, per-tool pass rates. */
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../../src/cli/summary-table.js';
import { clientCase, DISPLAY_CHARS } from '../../../src/report/embed.js';
import { junitChunks } from '../../../src/report/junit.js';
import { summaryMarkdown } from '../../../src/report/markdown.js';
import { summarize } from '../../../src/report/summary.js';
import { transcriptLine } from '../../../src/report/transcript-line.js';
import { bookingTranscript, fakeAgentReport, weatherTranscript } from '../../utils/fake-agent-report.js';
import { fakeReport } from '../../utils/fake-report.js';

const report = fakeAgentReport();

describe('the transcript in the page data', () => {
  it('keeps every message with turn, step, calls as sent, tool name and error, and drops the duplicate request', () => {
    const c = clientCase(report.cases[0]!);
    expect(c.msg).toEqual([]);
    expect(c.tr!.map((m) => [m[0], m[1], m[2]])).toEqual([
      ['system', 1, 0],
      ['user', 1, 0],
      ['assistant', 1, 1],
      ['tool', 1, 1],
      ['assistant', 1, 2],
      ['tool', 1, 2],
      ['assistant', 1, 3],
    ]);
    expect(c.tr![2]![4]).toEqual([['get_weather', '{"city":"Paris"}']]);
    expect(c.tr![3]![5]).toBe('get_weather');
    expect(clientCase(report.cases[4]!).tr![2]![6]).toBe('unknown tool get_wether');
  });

  it('caps long texts and arguments at DISPLAY_CHARS, and adds nothing to a one-call case', () => {
    const t = weatherTranscript('en');
    t.messages[6]!.content = 'x'.repeat(DISPLAY_CHARS + 10);
    t.messages[2]!.tool_calls![0]!.arguments = `"${'y'.repeat(DISPLAY_CHARS + 10)}"`;
    const c = clientCase({ ...report.cases[0]!, transcript: t });
    expect(c.tr![6]![3]).toContain('10 more characters');
    expect(c.tr![2]![4]![0]![1]).toContain('12 more characters');
    const plain = clientCase(fakeReport({ cases: 1 }).cases[0]!);
    expect('tr' in plain).toBe(false);
    expect(plain.msg.length).toBeGreaterThan(0);
  });
});

describe('the transcript on one line', () => {
  it('reads step by step: calls with arguments and results, then the answer', () => {
    expect(transcriptLine(weatherTranscript('en'))).toBe(
      'step 1 → get_weather({"city":"Paris"}) → {"city":"Paris","temp_c":18,"sky":"clear"}; ' +
        'step 2 → get_time({"city":"Paris","format":{"clock":"24h","seconds":false}}) → {"time":"14:05"}; ' +
        'step 3 → "It is 18 °C and clear in Paris; it is 14:05."',
    );
  });

  it("shows a conversation's user turns and a tool's error", () => {
    expect(transcriptLine(bookingTranscript())).toBe(
      'turn 1 user "أريد حجز طاولة لشخصين."; step 1 → "متى تريد الحجز؟"; turn 2 user "غدًا الساعة 20:00"; ' +
        'step 2 → book_table({"people":2,"time":"20:00"}) → {"ref":"B-42"}; step 3 → "تم حجز طاولتك (رقم B-42)."',
    );
    expect(transcriptLine(report.cases[4]!.transcript!)).toContain(
      'step 1 → get_wether({"city":"Paris"}) → error: unknown tool get_wether; step 2',
    );
    expect(transcriptLine({ ...weatherTranscript('en'), stopped: 'max_steps' })).toMatch(
      /; stopped: max_steps$/,
    );
  });

  it('is in the JUnit failure text and under the reason in summary.md', () => {
    const xml = [...junitChunks(report)].join('');
    expect(xml).toContain(
      'transcript: step 1 → get_wether({&quot;city&quot;:&quot;Paris&quot;}) → error: unknown tool',
    );
    const md = summaryMarkdown(report);
    const row = md.split('\n').find((l) => l.includes('typo'))!;
    expect(row).toContain('no call to get\\_weather; called: get\\_wether<br>step 1 → get\\_wether(');
  });
});

describe('per-tool pass rates', () => {
  it('counts, per tool asserted, the judged cases asserting it and those passing every assertion on it', () => {
    expect(report.summary.by_tool).toEqual({
      book_table: { cases: 1, passed: 1 },
      get_time: { cases: 3, passed: 3 },
      get_weather: { cases: 4, passed: 3 },
    });
    expect(summarize(fakeReport({ cases: 20 }).cases).by_tool).toBeUndefined();
  });

  it('are in the terminal summary', () => {
    const text = renderSummary(report, [], { files: [], verdict: 'ok' });
    expect(text).toMatch(/tool\s+cases\s+pass\s+pass rate/);
    expect(text).toMatch(/get_weather\s+4\s+3\s+75\.0%/);
  });
});
