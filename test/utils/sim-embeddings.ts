/**
 * The loopback simulator's `POST /v1/embeddings` (the OpenAI-compatible shape): deterministic
 * vectors from a hashed bag of character trigrams plus a small concept table shared across
 * languages, so that paraphrases are close, translations of one statement are close (they share
 * concepts), and an off-topic text is far. Nothing here is a real model.
 */
import { createHash } from 'node:crypto';

export const SIM_EMBEDDING_DIMENSIONS = 256;

/** Words (lower case, any language) that stand for one concept; matched as substrings. */
export const CONCEPTS: Record<string, string[]> = {
  refund: [
    'refund',
    'rückerstattung',
    'erstatt',
    'rembours',
    'reembolso',
    '退款',
    '返金',
    'استرداد',
    'возврат',
  ],
  thirty: ['30', '٣٠', '三十'],
  days: ['day', 'tag', 'jour', 'día', 'dias', '天', '日以内', 'يوم', 'дней'],
  receipt: ['receipt', 'quittung', 'beleg', 'reçu', 'recibo', '收据', 'レシート', 'إيصال', 'чек'],
  purchase: ['purchase', 'kauf', 'achat', 'compra', '购买', '購入', 'شراء', 'покуп'],
  weather: ['weather', 'wetter', 'météo', 'tiempo', '天气', '天気', 'طقس', 'погода'],
  rain: ['rain', 'regen', 'pluie', 'lluvia', '雨', 'مطر', 'дожд'],
  tomorrow: ['tomorrow', 'morgen', 'demain', 'mañana', '明天', '明日', 'غدا', 'завтра'],
  capital: ['capital', 'hauptstadt', '首都', 'عاصمة', 'столиц'],
  paris: ['paris', '巴黎', 'パリ', 'باريس', 'париж'],
  berlin: ['berlin', '柏林', 'ベルリン', 'برلين', 'берлин'],
};

function bucket(feature: string): number {
  return createHash('sha256').update(feature).digest().readUInt32BE(0) % SIM_EMBEDDING_DIMENSIONS;
}

function normalise(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm === 0 ? v : v.map((x) => x / norm);
}

/** The simulator's vector of a text: concepts weigh twice what the trigrams do. */
export function simEmbedding(text: string): number[] {
  const t = ` ${text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')} `;
  const grams = new Array<number>(SIM_EMBEDDING_DIMENSIONS).fill(0);
  const chars = [...t];
  for (let i = 0; i + 3 <= chars.length; i++) grams[bucket(`g:${chars.slice(i, i + 3).join('')}`)]! += 1;
  const concepts = new Array<number>(SIM_EMBEDDING_DIMENSIONS).fill(0);
  for (const [id, words] of Object.entries(CONCEPTS)) {
    if (words.some((w) => t.includes(w))) concepts[bucket(`c:${id}`)]! += 1;
  }
  const g = normalise(grams);
  const c = normalise(concepts);
  return normalise(g.map((x, i) => 0.5 * x + c[i]!));
}

/** The answer body of `POST /v1/embeddings` for a request body. */
export function embeddingsAnswer(body: { model?: unknown; input?: unknown }): {
  status: number;
  payload: unknown;
  usd: number | null;
} {
  const input = typeof body.input === 'string' ? [body.input] : body.input;
  if (typeof body.model !== 'string' || !Array.isArray(input) || !input.every((x) => typeof x === 'string')) {
    return { status: 400, payload: { message: 'Body validation error!', statusCode: 400 }, usd: null };
  }
  const tokens = input.reduce((n: number, s: string) => n + Math.max(1, Math.ceil(s.length / 4)), 0);
  return {
    status: 200,
    payload: {
      object: 'list',
      model: body.model,
      data: input.map((s: string, index: number) => ({
        object: 'embedding',
        index,
        embedding: simEmbedding(s),
      })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
    usd: tokens * 2e-8,
  };
}
