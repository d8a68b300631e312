/**
 * The built-in grader prompts in the answer's language (SPEC §12): `llm-rubric` and `factuality`
 * written in each of the example languages, chosen by the case's `lang` (a regional tag such as
 * `pt-BR` falls back to `pt`; a language without its own prompts gets the English one, which
 * names the language). The prompts are assembled from each language's phrases
 * (`grader-phrases.ts`) so that every language asks the same thing in the same shape; the reply
 * format — JSON keys `reason`, `pass`, `score`, `category` and the letters A–E — is the same in
 * every language, so `grader-answer.ts` reads them all. A suite's `grader.prompt` still wins.
 */
import { factualityPrompt, factualityPromptFrom } from './factuality-prompt.js';
import { type GraderPhrases, graderPhrases } from './grader-phrases.js';
import { llmRubricPrompt, rubricPromptFrom } from './llm-rubric-prompt.js';

/** The model-graded assertions that have built-in prompts. */
export type GraderPromptKind = 'llm-rubric' | 'factuality';

function rubricPrompt(p: GraderPhrases): string {
  return rubricPromptFrom({
    intro: p.rubricIntro,
    languageNote: `\n${p.readAs}`,
    replyShape: p.replyShape,
    reasonHint: p.reasonHint,
    passHint: p.passHint,
    scoreHint: p.scoreHint,
  });
}

function factualityPromptIn(p: GraderPhrases): string {
  return factualityPromptFrom({ ...p.factuality, afterChoices: `\n\n${p.readAs}`, replyShape: p.replyShape });
}

const built = new Map<string, Record<GraderPromptKind, string>>(
  Object.entries(graderPhrases).map(([lang, phrases]) => [
    lang,
    { 'llm-rubric': rubricPrompt(phrases), factuality: factualityPromptIn(phrases) },
  ]),
);

/** The languages with built-in grader prompts of their own (English is the fallback's own). */
export const graderPromptLanguages: readonly string[] = ['en', ...built.keys()].sort();

/**
 * The built-in prompt of `kind` for a case in `lang`: that language's, else its base language's
 * (`pt-BR` → `pt`), else English (which tells the grader the answer's language).
 */
export function builtInGraderPrompt(kind: GraderPromptKind, lang: string | null | undefined): string {
  const code = (lang ?? '').toLowerCase();
  const own = built.get(code) ?? built.get(code.split(/[-_]/)[0]!);
  if (own) return own[kind];
  return kind === 'llm-rubric' ? llmRubricPrompt : factualityPrompt;
}
