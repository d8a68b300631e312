/**
 * A realistic report for reporter tests: several models, many languages with real text,
 * every status, assertion reasons, latencies, costs, and (optionally) hostile model output
 * that tries to break out of the HTML report. The summary is the real `summarize()`.
 */

import type { Comparison } from '../../src/contracts/comparison.js';
import { REPORT_VERSION, type Report } from '../../src/contracts/report.js';
import type { AssertionResult, CaseResult, CaseStatus } from '../../src/contracts/result.js';
import { summarize } from '../../src/report/summary.js';
import { createRng } from '../../src/stats/rng.js';

export interface FakeReportOptions {
  /** Number of cases. */
  cases: number;
  models?: string[];
  langs?: string[];
  /** Prompt variants; null means the suite has none. */
  variants?: Array<string | null>;
  /** Put hostile outputs (script tags, handlers, template syntax) on some cases. */
  hostile?: boolean;
  seed?: number;
}

/** Prompts and plausible answers per language. */
const TEXT: Record<string, { prompt: string; answer: string }> = {
  en: {
    prompt: 'What is your refund policy? Answer in one sentence.',
    answer: 'Refunds are accepted within 30 days of purchase with a receipt.',
  },
  zh: { prompt: '你们的退款政策是什么？请用一句话回答。', answer: '购买后三十天内凭收据可以全额退款。' },
  ar: {
    prompt: 'ما هي سياسة الاسترداد لديكم؟ أجب بجملة واحدة.',
    answer: 'يمكنك استرداد المبلغ خلال ثلاثين يومًا من الشراء مع الإيصال.',
  },
  he: {
    prompt: 'מהי מדיניות ההחזרים שלכם? ענה במשפט אחד.',
    answer: 'ניתן לקבל החזר תוך שלושים יום מהרכישה עם קבלה.',
  },
  ja: {
    prompt: '返金ポリシーを一文で教えてください。',
    answer: '購入後30日以内であれば、レシートがあれば返金できます。',
  },
  ru: {
    prompt: 'Какова ваша политика возврата? Ответьте одним предложением.',
    answer: 'Возврат возможен в течение 30 дней после покупки при наличии чека.',
  },
  hi: {
    prompt: 'आपकी धनवापसी नीति क्या है? एक वाक्य में उत्तर दें।',
    answer: 'रसीद के साथ खरीद के 30 दिनों के भीतर धनवापसी की जा सकती है।',
  },
  ko: {
    prompt: '환불 정책이 무엇인가요? 한 문장으로 답하세요.',
    answer: '영수증이 있으면 구매 후 30일 이내에 환불받을 수 있습니다.',
  },
  es: {
    prompt: '¿Cuál es su política de reembolso? Responda en una frase.',
    answer: 'Se aceptan reembolsos dentro de los 30 días posteriores a la compra con recibo.',
  },
  fr: {
    prompt: 'Quelle est votre politique de remboursement ? Répondez en une phrase.',
    answer: 'Les remboursements sont acceptés sous 30 jours avec le ticket de caisse.',
  },
  de: {
    prompt: 'Wie lautet Ihre Rückerstattungsrichtlinie? Antworten Sie in einem Satz.',
    answer: 'Rückerstattungen sind innerhalb von 30 Tagen mit Kassenbon möglich.',
  },
  vi: {
    prompt: 'Chính sách hoàn tiền của bạn là gì? Trả lời trong một câu.',
    answer: 'Bạn có thể được hoàn tiền trong vòng 30 ngày kể từ khi mua kèm hóa đơn.',
  },
};

/** Outputs that must show as text in every report and run nothing. */
export const HOSTILE_OUTPUTS = [
  '</script><script>window.__pwned = 1; alert(1)</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '{{constructor}} {{#each this}}{{/each}} {{{ raw }}}',
  ']]></failure><testcase name="injected"/> & "quotes" \u0000\u0008 %0A,::error::',
  '<!-- \u2028 \u2029 --><style>body{display:none}</style>',
];

const SUITES = [
  { name: 'refunds', file: 'suites/refunds.yaml', tags: ['policy', 'support'] },
  { name: 'greetings', file: 'suites/greetings.yaml', tags: ['greeting', 'cjk'] },
  { name: 'json-output', file: 'suites/json-output.yaml', tags: ['json'] },
];

function assertionsFor(status: CaseStatus, lang: string, r: () => number): AssertionResult[] {
  const langOk = status !== 'fail' || r() < 0.5;
  const rubricScore = status === 'fail' ? 0.15 + r() * 0.3 : 0.75 + r() * 0.25;
  return [
    {
      type: 'language',
      weight: 1,
      pass: langOk,
      score: langOk ? 1 : 0,
      reason: langOk
        ? `detected ${lang} (0.98)`
        : `expected ${lang}, detected ${lang === 'en' ? 'es' : 'en'} (0.91)`,
    },
    {
      type: 'length',
      weight: 1,
      pass: true,
      score: 1,
      reason: '1 sentence ≤ max 1',
    },
    {
      type: 'llm-rubric',
      name: 'states refund window',
      weight: 2,
      pass: rubricScore >= 0.5,
      score: Math.round(rubricScore * 100) / 100,
      reason:
        rubricScore >= 0.5
          ? 'The answer states a 30-day refund window.'
          : 'The answer does not mention any refund window or says it cannot help.',
    },
  ];
}

/** Builds a deterministic fake report. */
export function fakeReport(options: FakeReportOptions): Report {
  const r = createRng(options.seed ?? 1);
  const models = options.models ?? ['qwen-max', 'qwen-max-2025-01-25'];
  const langs = options.langs ?? ['en', 'zh', 'ar', 'ja', 'ru', 'hi'];
  const variants = options.variants ?? [null];
  const cases: CaseResult[] = [];
  const start = Date.parse('2025-06-01T12:00:00Z');
  // Cases are laid out test × lang × variant × model so that side-by-side rows are complete.
  const perTest = langs.length * variants.length * models.length;
  for (let i = 0; i < options.cases; i++) {
    const t = Math.floor(i / perTest);
    const within = i % perTest;
    const model = models[within % models.length]!;
    const variant = variants[Math.floor(within / models.length) % variants.length] ?? null;
    const lang = langs[Math.floor(within / (models.length * variants.length)) % langs.length]!;
    const suite = SUITES[t % SUITES.length]!;
    const testId = `${suite.name === 'json-output' ? 'extract' : suite.name === 'greetings' ? 'greet' : 'refund-policy'}-${t + 1}`;
    const text = TEXT[lang] ?? TEXT.en!;
    // Arabic and Hindi do worse, the second model a little worse: parity and comparison have something to show.
    const failP =
      0.1 + (lang === 'ar' ? 0.3 : 0) + (lang === 'hi' ? 0.12 : 0) + (model === models[1] ? 0.05 : 0);
    const x = r();
    // Every 50th case (from the 6th) is an error or a skip, so every status shows at any seed.
    const forced: CaseStatus | null = i % 50 === 5 ? 'error' : i % 50 === 6 ? 'skipped' : null;
    const status: CaseStatus =
      forced ?? (x < 0.02 ? 'error' : x < 0.03 ? 'skipped' : x < 0.03 + failP ? 'fail' : 'pass');
    const hostile = options.hostile === true && i % 7 === 3;
    const output = hostile ? HOSTILE_OUTPUTS[Math.floor(i / 7) % HOSTILE_OUTPUTS.length]! : text.answer;
    const latency = Math.round(300 + r() * 900 + (r() < 0.08 ? r() * 6000 : 0));
    const prompt = text.prompt;
    const promptTokens = 20 + Math.round(r() * 30);
    const completionTokens = 10 + Math.round(r() * 60);
    const assertions = status === 'pass' || status === 'fail' ? assertionsFor(status, lang, r) : [];
    const score =
      assertions.length === 0
        ? null
        : assertions.reduce((s, a) => s + a.score * a.weight, 0) /
          assertions.reduce((s, a) => s + a.weight, 0);
    const id = `${suite.name}/${testId}/${lang}/${model}${variant ? `/${variant}` : ''}#0`;
    cases.push({
      id,
      suite: suite.name,
      suite_file: suite.file,
      test_id: testId,
      test_name: `${suite.name === 'json-output' ? 'Extracts the order' : suite.name === 'greetings' ? 'Greets the customer' : 'States the refund policy'} ${t + 1}`,
      model,
      variant,
      sample: 0,
      lang,
      tags: suite.tags,
      status,
      score,
      request: {
        model,
        messages: [
          { role: 'system', content: 'You are a concise assistant.' },
          { role: 'user', content: prompt },
        ],
        temperature: 0,
        max_tokens: 200,
      },
      response:
        status === 'error' || status === 'skipped'
          ? null
          : {
              output,
              finish_reason: 'stop',
              model,
              usage: {
                prompt_tokens: promptTokens,
                completion_tokens: completionTokens,
                total_tokens: promptTokens + completionTokens,
              },
              cost_usd: (promptTokens * 1.6 + completionTokens * 6.4) / 1e6,
              cost_source: 'price-table',
              latency_ms: latency,
              ttft_ms: null,
              inference_id: `inf-${i}`,
              source: i % 5 === 0 ? 'live' : 'cassette',
            },
      assertions,
      error:
        status === 'error'
          ? {
              kind: 'cassette-miss',
              message: `No recording for ${id}. Re-record with: qeval run ${suite.file} --mode record`,
            }
          : null,
      line: 10 + (t % 40) * 9,
      col: 5,
      started_at: new Date(start + i * 250).toISOString(),
      duration_ms: latency + 3,
    });
  }
  const suitesUsed = SUITES.filter((s) => cases.some((c) => c.suite === s.name));
  return {
    version: REPORT_VERSION,
    run: {
      id: 'run-2025-06-01T12-00-00Z-7f3a',
      started_at: new Date(start).toISOString(),
      finished_at: new Date(start + options.cases * 250 + 1000).toISOString(),
      duration_ms: options.cases * 250 + 1000,
      qeval_version: '0.1.0',
      mode: 'replay',
      models,
      suites: suitesUsed.map(({ name, file }) => ({ name, file })),
      git_commit: '3f9c2e1a7b6d5c4e3f2a1b0c9d8e7f6a5b4c3d2e',
      incomplete: false,
      shard: null,
    },
    summary: summarize(cases),
    cases,
  };
}

/** A comparison with only the fields a test reads (the rest of `Comparison` is not looked at). */
export function partialComparison(fields: Record<string, unknown>): Comparison {
  return fields as unknown as Comparison;
}
