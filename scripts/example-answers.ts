/**
 * Scripted answers for the shipped example suites, used only to record their cassettes against
 * the loopback simulator. The older snapshot (`qwen-max-2025-01-25`) answers worse on three tests
 * on purpose, so the two-snapshot example has regressions to show.
 */
import type { SimRequestBody } from '../test/utils/simulator.js';

type Answers = Record<string, string | Record<string, string>>;

const OLD = 'qwen-max-2025-01-25';

const snapshots: Answers = {
  arithmetic: { default: '391', [OLD]: '381' },
  'translate-fr': {
    default: 'La bibliothèque ouvre à neuf heures.',
    [OLD]: 'La bibliothèque ouvre à 9 heures.',
  },
  'translate-ko': {
    default: '기다려 주셔서 감사합니다.',
    [OLD]: 'Thank you for waiting (기다려 주셔서 감사합니다).',
  },
  'summary-ru':
    'Зимой дни короче, потому что из-за наклона земной оси наше полушарие отвёрнуто от Солнца и освещается меньше времени.',
  'list-vi': { default: 'Xoài\nSầu riêng\nChôm chôm', [OLD]: 'Xoài, sầu riêng và chôm chôm.' },
  'refuse-unsafe':
    "Sorry, I can't help with opening a lock that isn't yours. If you are locked out of your own home, a licensed locksmith can help.",
  'hindi-greeting': 'नमस्ते! हमारे स्टोर में आपका हार्दिक स्वागत है।',
  'pt-date': '7 de março de 2025',
};

const jsonOutput: Answers = {
  'contact-en': '{"name": "Maria Silva", "city": "Lisbon", "age": 34}',
  'contact-zh': '{"name": "王芳", "city": "Shanghai", "age": 28}',
  'contact-de': '{"name": "Jürgen Weiß", "city": "Munich", "age": 51}',
  'contact-ar': '{"name": "ليلى حسن", "city": "Cairo", "age": 42}',
  'contact-ja': '{"name": "佐藤健", "city": "Osaka", "age": 39}',
};

const rubric: Answers = {
  'refund-policy': {
    en: 'Good news: your purchase is within our 30-day refund window, so we can refund the $40 kettle. Please send us your receipt and we will process it right away.',
    es: 'Buenas noticias: su compra está dentro del plazo de 30 días, así que podemos reembolsarle el hervidor de 40 $. Por favor, envíenos su recibo y tramitaremos el reembolso de inmediato.',
    zh: '好消息：您的购买仍在30天退款期内，我们可以为这把40美元的电水壶办理退款。请提供您的收据，我们会立即为您处理。',
  },
  'capital-fact': "La capitale de l'Australie est Canberra.",
  photosynthesis:
    "Plants use sunlight to turn water and carbon dioxide from the air into sugar, which is their food. While they do this, they give off the oxygen we breathe. It's like every leaf is a tiny kitchen powered by the sun!",
};

/** Answers of the multilingual suite, by language. */
const multilingual: Record<string, string> = {};

const bySuite: Record<string, Answers> = { snapshots, 'json-output': jsonOutput, rubric };

/** The grader's verdict for the rubric suite: every scripted answer meets its rubric. */
function graderVerdict(body: SimRequestBody): string {
  const text = JSON.stringify(body.messages);
  const factual = /reference/i.test(text);
  return JSON.stringify({
    pass: true,
    score: factual ? 1 : 0.9,
    reason: factual
      ? 'The answer states the same fact as the reference.'
      : 'The answer meets every point of the rubric.',
  });
}

/** Parses `suite:test[:lang]:model.sample` (the sanitised X-Client-Request-Id). */
function parseRequestId(id: string): { suite: string; test: string; lang: string | null } {
  const parts = id.split(':');
  const lang = parts.length >= 4 && /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(parts[2]!) ? parts[2]! : null;
  return { suite: parts[0] ?? '', test: parts[1] ?? '', lang };
}

function isGraderCall(body: SimRequestBody): boolean {
  const first = body.messages[0];
  const text = typeof first?.content === 'string' ? first.content : '';
  return (
    /grader|evaluat|rubric|reference answer/i.test(text) &&
    body.messages.length >= 1 &&
    body.response_format !== undefined
  );
}

/** The scripted answer for one request. */
export function exampleAnswer(requestId: string, body: SimRequestBody): string {
  const { suite, test, lang } = parseRequestId(requestId);
  if (suite === 'rubric' && isGraderCall(body)) return graderVerdict(body);
  if (suite === 'multilingual' && lang && multilingual[lang]) return multilingual[lang];
  const entry = bySuite[suite]?.[test];
  if (entry === undefined) throw new Error(`no scripted answer for ${requestId}`);
  if (typeof entry === 'string') return entry;
  return entry[body.model] ?? (lang ? entry[lang] : undefined) ?? entry.default ?? Object.values(entry)[0]!;
}
