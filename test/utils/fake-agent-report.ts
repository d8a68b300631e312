/**
 * A small report of tool loops and a conversation, for the reporters' transcript views: a
 * weather lookup per language (two tools, then the answer), an Arabic booking conversation over
 * two turns, and a case whose tool call failed. The summary is the real `summarize()`.
 */
import { REPORT_VERSION, type Report } from '../../src/contracts/report.js';
import type {
  AssertionResult,
  CaseResult,
  Transcript,
  TranscriptMessage,
} from '../../src/contracts/result.js';
import { summarize } from '../../src/report/summary.js';

const ASK: Record<string, { q: string; a: string }> = {
  en: {
    q: 'What is the weather in Paris, and the time there?',
    a: 'It is 18 °C and clear in Paris; it is 14:05.',
  },
  ar: { q: 'ما الطقس في القاهرة الآن؟', a: 'درجة الحرارة في القاهرة 31°C والسماء صافية.' },
  zh: { q: '北京现在天气怎么样？', a: '北京现在18°C，天气晴朗。' },
};
const CITY: Record<string, string> = { en: 'Paris', ar: 'Cairo', zh: 'Beijing' };

function call(id: string, name: string, args: Record<string, unknown>) {
  return { id, name, arguments: JSON.stringify(args), args };
}

/** get_weather, then get_time, then the answer: three model calls in one turn. */
export function weatherTranscript(lang: string): Transcript {
  const { q, a } = ASK[lang] ?? ASK.en!;
  const city = CITY[lang] ?? 'Paris';
  const messages: TranscriptMessage[] = [
    { role: 'system', content: 'You are a weather assistant. Use the tools.', turn: 1 },
    { role: 'user', content: q, turn: 1 },
    {
      role: 'assistant',
      content: '',
      turn: 1,
      step: 1,
      tool_calls: [call('call_1', 'get_weather', { city })],
    },
    {
      role: 'tool',
      content: JSON.stringify({ city, temp_c: lang === 'ar' ? 31 : 18, sky: 'clear' }),
      turn: 1,
      step: 1,
      tool_call_id: 'call_1',
      name: 'get_weather',
    },
    {
      role: 'assistant',
      content: '',
      turn: 1,
      step: 2,
      tool_calls: [call('call_2', 'get_time', { city, format: { clock: '24h', seconds: false } })],
    },
    { role: 'tool', content: '{"time":"14:05"}', turn: 1, step: 2, tool_call_id: 'call_2', name: 'get_time' },
    { role: 'assistant', content: a, turn: 1, step: 3 },
  ];
  return { messages, steps: 3, turns: 1 };
}

/** An Arabic booking over two turns: the agent asks when, then books. */
export function bookingTranscript(): Transcript {
  const messages: TranscriptMessage[] = [
    { role: 'user', content: 'أريد حجز طاولة لشخصين.', turn: 1 },
    { role: 'assistant', content: 'متى تريد الحجز؟', turn: 1, step: 1 },
    { role: 'user', content: 'غدًا الساعة 20:00', turn: 2 },
    {
      role: 'assistant',
      content: '',
      turn: 2,
      step: 2,
      tool_calls: [call('call_1', 'book_table', { people: 2, time: '20:00' })],
    },
    { role: 'tool', content: '{"ref":"B-42"}', turn: 2, step: 2, tool_call_id: 'call_1', name: 'book_table' },
    { role: 'assistant', content: 'تم حجز طاولتك (رقم B-42).', turn: 2, step: 3 },
  ];
  return { messages, steps: 3, turns: 2 };
}

/** A call to a tool the suite does not declare: the model sees an error result and gives up. */
export function unknownToolTranscript(): Transcript {
  const messages: TranscriptMessage[] = [
    { role: 'user', content: 'Weather in Paris?', turn: 1 },
    {
      role: 'assistant',
      content: '',
      turn: 1,
      step: 1,
      tool_calls: [call('call_1', 'get_wether', { city: 'Paris' })],
    },
    {
      role: 'tool',
      content: '{"error":"unknown tool get_wether"}',
      turn: 1,
      step: 1,
      tool_call_id: 'call_1',
      name: 'get_wether',
      error: 'unknown tool get_wether',
    },
    { role: 'assistant', content: 'Sorry, I could not get that.', turn: 1, step: 2 },
  ];
  return { messages, steps: 2, turns: 1 };
}

function assertion(
  type: string,
  pass: boolean,
  reason: string,
  tools: string[],
  name?: string,
): AssertionResult {
  return { type, ...(name ? { name } : {}), weight: 1, pass, score: pass ? 1 : 0, reason, tools };
}

function agentCase(
  testId: string,
  lang: string,
  t: Transcript,
  assertions: AssertionResult[],
  i: number,
): CaseResult {
  const output = t.messages.filter((m) => m.role === 'assistant').at(-1)!.content;
  const pass = assertions.every((a) => a.pass);
  return {
    id: `agent/${testId}/${lang}/qwen-max#0`,
    suite: 'agent',
    suite_file: 'suites/agent.yaml',
    test_id: testId,
    model: 'qwen-max',
    variant: null,
    sample: 0,
    lang,
    tags: ['tools'],
    status: pass ? 'pass' : 'fail',
    score: assertions.filter((a) => a.pass).length / assertions.length,
    request: {
      model: 'qwen-max',
      messages: t.messages
        .filter((m) => m.turn === 1 && (m.role === 'system' || m.role === 'user'))
        .map((m) => ({ role: m.role, content: m.content })),
    },
    response: {
      output,
      finish_reason: 'stop',
      model: 'qwen-max',
      usage: { prompt_tokens: 60, completion_tokens: 20, total_tokens: 80 },
      cost_usd: 0.0002,
      cost_source: 'price-table',
      latency_ms: 400 + i * 50,
      ttft_ms: null,
      inference_id: `inf-agent-${i}`,
      source: 'cassette',
    },
    assertions,
    error: null,
    transcript: t,
    line: 8 + i * 6,
    col: 5,
    started_at: new Date(Date.parse('2025-06-01T12:00:00Z') + i * 1000).toISOString(),
    duration_ms: 1200,
  };
}

/** The report: weather in en, ar, zh; the Arabic booking; the unknown tool (a failure). */
export function fakeAgentReport(): Report {
  const ok = (tool: string) => assertion('tool-call', true, `called ${tool}`, [tool], tool);
  const cases = [
    ...['en', 'ar', 'zh'].map((lang, i) =>
      agentCase('weather', lang, weatherTranscript(lang), [ok('get_weather'), ok('get_time')], i),
    ),
    agentCase('booking', 'ar', bookingTranscript(), [ok('book_table')], 3),
    agentCase(
      'typo',
      'en',
      unknownToolTranscript(),
      [
        assertion(
          'tool-call',
          false,
          'no call to get_weather; called: get_wether',
          ['get_weather'],
          'get_weather',
        ),
      ],
      4,
    ),
  ];
  return {
    version: REPORT_VERSION,
    run: {
      id: 'run-agent',
      started_at: '2025-06-01T12:00:00.000Z',
      finished_at: '2025-06-01T12:00:09.000Z',
      duration_ms: 9000,
      qeval_version: '0.1.0',
      mode: 'replay',
      models: ['qwen-max'],
      suites: [{ name: 'agent', file: 'suites/agent.yaml' }],
      git_commit: null,
      incomplete: false,
      shard: null,
    },
    summary: summarize(cases),
    cases,
  };
}
