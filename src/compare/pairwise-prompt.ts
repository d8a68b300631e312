/**
 * The pairwise grader's prompt and the reading of its answer. The answers are shown as "first"
 * and "second", never as A and B, so that the report's side names cannot sway the grader; the
 * caller asks once per order and maps the positions back to sides (pairwise.ts).
 */

import { phrasesFor } from '../assertions/graders/grader-phrases.js';
import { extractFirstJson } from '../assertions/json-extract.js';
import { quote } from '../assertions/outcome.js';
import type { ChatMessage } from '../contracts/chat.js';

/** What the prompt is built from. */
export interface PairwisePromptInput {
  /** The user's last message to the model (the question both answers answer). */
  question: string;
  first: string;
  second: string;
  /** The case's language, so that neither answer is marked down for not being English. */
  lang: string | null;
}

const englishIntro =
  "You are a strict, fair judge comparing two answers of an AI assistant to the same question. Decide which answer serves the person who asked better: correct, complete, helpful, and following the question's instructions. Length alone is no merit, and the order in which the answers are shown means nothing.";

/**
 * The grader's messages for one order, in the case's language where it has grader phrases of its
 * own (`pt-BR` → `pt`), as the built-in rubric prompts are; else in English, naming the language.
 * The tags around the answers and the reply's keys and values stay ASCII in every language.
 */
export function pairwiseMessages(input: PairwisePromptInput): ChatMessage[] {
  const phrases = phrasesFor(input.lang);
  const intro = phrases?.pairwise.intro ?? englishIntro;
  const readAs = phrases
    ? phrases.pairwise.readAs
    : input.lang
      ? `Both answers are meant to be written in the language with code "${input.lang}". Read them in that language; an answer in another language is worse.`
      : '';
  const replyShape = phrases?.replyShape ?? 'Reply with one JSON object and nothing else, in this shape:';
  const reasonHint = phrases?.factuality.reasonHint ?? 'one or two sentences';
  const content = `${intro}

<question>
${input.question}
</question>

<first_answer>
${input.first}
</first_answer>

<second_answer>
${input.second}
</second_answer>
${readAs ? `\n${readAs}\n` : ''}
${replyShape}
{"reason": "<${reasonHint}>", "better": "<first, second, or tie>"}`;
  return [{ role: 'user', content }];
}

/** The position a grader preferred, or why its answer is not a verdict. */
export type PositionVerdict =
  | { ok: true; better: 'first' | 'second' | 'tie'; reason: string }
  | { ok: false; reason: string };

const positions = new Map<string, 'first' | 'second' | 'tie'>(
  Object.entries({
    first: 'first',
    '1': 'first',
    second: 'second',
    '2': 'second',
    tie: 'tie',
    equal: 'tie',
    none: 'tie',
  }),
);

/** Reads `{"better": "first" | "second" | "tie", "reason": …}` out of the grader's text. */
export function parsePairwiseAnswer(text: string): PositionVerdict {
  const found = extractFirstJson(text);
  if (!found.found || !found.value || typeof found.value !== 'object' || Array.isArray(found.value)) {
    return { ok: false, reason: `grader did not answer with a JSON object: ${quote(text, 160)}` };
  }
  const o = found.value as Record<string, unknown>;
  const better = positions.get(
    String(o.better ?? o.winner ?? '')
      .trim()
      .toLowerCase(),
  );
  if (!better) return { ok: false, reason: `grader named no better answer: ${quote(text, 160)}` };
  const reason = typeof o.reason === 'string' ? o.reason.trim() : '';
  return { ok: true, better, reason };
}
