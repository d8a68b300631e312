/**
 * Default grader prompt for `llm-rubric`, a Handlebars template (rendered without HTML escaping).
 * Variables: `output`, `rubric`, `input` (the last user message of the test), `lang` (the case's
 * language, may be empty), `vars` (the test's variables). A suite's `grader.prompt` replaces it
 * and gets the same variables; it may also render to a JSON list of `{role, content}` messages.
 * The prompts in other languages (localized-prompts.ts) are built by the same function.
 */

/** The words of an `llm-rubric` prompt in one language. */
export interface RubricPhrases {
  intro: string;
  /** What follows the rubric: the answer's language (English: only when the case has one). */
  languageNote: string;
  replyShape: string;
  reasonHint: string;
  passHint: string;
  scoreHint: string;
}

/** The `llm-rubric` template in the words given; the reply's JSON shape is the same in all. */
export function rubricPromptFrom(p: RubricPhrases): string {
  return `${p.intro}
{{#if input}}

<question>
{{input}}
</question>
{{/if}}

<answer>
{{output}}
</answer>

<rubric>
{{rubric}}
</rubric>
${p.languageNote}

${p.replyShape}
{"reason": "<${p.reasonHint}>", "pass": <${p.passHint}>, "score": <${p.scoreHint}>}`;
}

export const llmRubricPrompt = rubricPromptFrom({
  intro:
    "You are a strict, fair grader of an AI assistant's answer. Judge the answer only against the rubric.",
  languageNote: `{{#if lang}}

The answer is meant to be written in the language with code "{{lang}}". Read it in that language; do not penalise it for not being English.
{{/if}}`,
  replyShape: 'Reply with one JSON object and nothing else, in this shape:',
  reasonHint: 'one or two sentences explaining the judgement',
  passHint: 'true if the answer satisfies the rubric, else false',
  scoreHint: 'a number from 0.0 (not at all) to 1.0 (fully)',
});
