/**
 * The cases as the HTML report's script reads them, and the escaping that lets arbitrary model
 * output sit inside a `<script type="application/json">` element without ever closing it.
 */
import { messageText } from '../contracts/chat.js';
import { type CaseResult, type Transcript, testFile } from '../contracts/result.js';

/**
 * One case in the page's embedded data. Short keys because a 10,000-case report carries ten
 * thousand of them; `templates/app.js` is the only reader.
 */
export interface ClientCase {
  /** id */
  i: string;
  /** suite, suite file, line */
  s: string;
  f: string;
  l: number;
  /** test id and name */
  t: string;
  n: string | null;
  /** model, variant, sample, lang, tags */
  m: string;
  v: string | null;
  k: number;
  g: string | null;
  tg: string[];
  /** status, score, threshold */
  st: CaseResult['status'];
  sc: number | null;
  th: number | null;
  /** messages as [role, text] */
  msg: Array<[string, string]>;
  /** the response: output, finish reason, [prompt, completion, total] tokens, cost, latency, source */
  o: string | null;
  fr: string | null;
  tok: [number, number, number] | null;
  c: number | null;
  ms: number | null;
  src: string | null;
  /** assertions: [label, pass, score, weight, reason, error, graders' [model, pass, score, reason] when they voted] */
  a: EmbeddedAssertion[];
  /** error: [kind, message, status, snippet] */
  e: [string, string, number | null, string | null] | null;
  /** the transcript of a case with tools or a conversation (absent otherwise): see `ClientStep` */
  tr?: ClientStep[];
  /** a `simulate:` test: how the simulated user's dialogue ended */
  te?: string;
}

/**
 * One transcript message: [role, turn, step (0 for a message no model call made or received),
 * text, the assistant's calls as [name, arguments as sent], the tool's name, why the tool's
 * result was an error, whether a simulated user wrote it]. The page pretty-prints arguments and
 * results that are JSON.
 */
export type ClientStep = [
  string,
  number,
  number,
  string,
  Array<[string, string]> | null,
  string | null,
  string | null,
  boolean,
];

function clientTranscript(t: Transcript): ClientStep[] {
  return t.messages.map((m) => [
    m.role,
    m.turn,
    m.step ?? 0,
    shown(m.content ?? ''),
    m.tool_calls?.length ? m.tool_calls.map((tc) => [tc.name, shown(tc.arguments)]) : null,
    m.name ?? null,
    m.error ?? null,
    m.simulated === true,
  ]);
}

/** How a simulated user's dialogue ended, as the page says it. */
const endings: Record<string, string> = {
  goal: 'the simulated user said [GOAL MET]',
  'give-up': 'the simulated user said [GIVE UP]',
  'max-turns': 'max_turns ran out',
  stopped: "the assistant's turn ended it",
};

type EmbeddedAssertion =
  | [string, boolean, number, number, string, boolean]
  | [string, boolean, number, number, string, boolean, Array<[string, boolean, number, string]>];

function embedAssertion(a: CaseResult['assertions'][number]): EmbeddedAssertion {
  const row: EmbeddedAssertion = [
    a.name ? `${a.type} · ${a.name}` : a.type,
    a.pass,
    a.score,
    a.weight,
    a.reason,
    a.error === true,
  ];
  return a.graders ? [...row, a.graders.map((g) => [g.model, g.pass, g.score, g.reason])] : row;
}

/**
 * The most of one answer or message the page shows: a report of many long answers stays a page a
 * browser opens. The whole text is in report.json and results.jsonl.
 */
export const DISPLAY_CHARS = 100_000;

function shown(value: string): string {
  if (value.length <= DISPLAY_CHARS) return value;
  const more = value.length - DISPLAY_CHARS;
  return `${value.slice(0, DISPLAY_CHARS)}\n\n[… ${more.toLocaleString('en')} more characters: the whole text is in report.json and results.jsonl]`;
}

/** Projects a case onto what the page shows. */
export function clientCase(c: CaseResult): ClientCase {
  const r = c.response;
  const u = r?.usage;
  return {
    i: c.id,
    s: c.suite,
    f: testFile(c),
    l: c.line,
    t: c.test_id,
    n: c.test_name ?? null,
    m: c.model,
    v: c.variant,
    k: c.sample,
    g: c.lang,
    tg: c.tags,
    st: c.status,
    sc: c.score,
    th: c.threshold ?? null,
    // A transcript starts with the request's messages: the page shows them from there.
    msg: c.transcript ? [] : (c.request?.messages ?? []).map((m) => [m.role, shown(messageText(m.content))]),
    o: r ? shown(r.output) : null,
    fr: r?.finish_reason ?? null,
    tok: u ? [u.prompt_tokens, u.completion_tokens, u.total_tokens] : null,
    c: r?.cost_usd ?? null,
    ms: r ? r.latency_ms : null,
    src: r?.source ?? null,
    a: c.assertions.map(embedAssertion),
    e: c.error ? [c.error.kind, c.error.message, c.error.status ?? null, c.error.snippet ?? null] : null,
    ...(c.transcript ? { tr: clientTranscript(c.transcript) } : {}),
    ...(c.transcript?.simulation
      ? { te: `dialogue ended: ${endings[c.transcript.simulation.ended] ?? c.transcript.simulation.ended}` }
      : {}),
  };
}

const UNSAFE = /[<>&\u2028\u2029]/g;
const SAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON that is inert inside a `<script>` element: no `<` means no `</script>` and no `<!--`,
 * and the JSON parser reads the `\u003c` escapes back as the original characters.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (ch) => SAFE[ch]!);
}

/** The embedded data's chunks: a JSON array, one case at a time, so nothing is built whole. */
export function* clientCaseChunks(cases: CaseResult[]): Generator<string> {
  yield '[';
  for (let i = 0; i < cases.length; i++) {
    yield (i === 0 ? '' : ',\n') + scriptSafeJson(clientCase(cases[i]!));
  }
  yield ']';
}
