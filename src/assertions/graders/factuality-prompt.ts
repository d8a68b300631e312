/**
 * Default grader prompt for `factuality`, a Handlebars template (rendered without HTML escaping),
 * after the classic five-way comparison of a submission with an expert answer (OpenAI evals'
 * "fact" template, as promptfoo uses it). Variables: `output`, `reference`, `input`, `lang`, `vars`.
 * The prompts in other languages (localized-prompts.ts) are built by the same function.
 */

/** The words of a `factuality` prompt in one language. */
export interface FactualityPhrases {
  intro: string;
  question: string;
  expert: string;
  submitted: string;
  /** Ignore style; which of the following applies. */
  ignore: string;
  a: string;
  b: string;
  c: string;
  d: string;
  e: string;
  /** What follows the choices (the answer's language), or nothing. */
  afterChoices: string;
  replyShape: string;
  reasonHint: string;
  /** The word between "D" and "E". */
  or: string;
}

/** The `factuality` template in the words given; the reply's JSON shape is the same in all. */
export function factualityPromptFrom(f: FactualityPhrases): string {
  return `${f.intro}
{{#if input}}

[${f.question}]: {{input}}
{{/if}}

[${f.expert}]: {{reference}}

[${f.submitted}]: {{output}}

${f.ignore}
(A) ${f.a}
(B) ${f.b}
(C) ${f.c}
(D) ${f.d}
(E) ${f.e}${f.afterChoices}

${f.replyShape}
{"reason": "<${f.reasonHint}>", "category": "<A, B, C, D ${f.or} E>"}`;
}

export const factualityPrompt = factualityPromptFrom({
  intro:
    'You are comparing the factual content of a submitted answer with an expert answer to the same question.',
  question: 'Question',
  expert: 'Expert answer',
  submitted: 'Submitted answer',
  ignore:
    'Ignore differences in style, wording, grammar, punctuation and language{{#if lang}} (the submission is meant to be in "{{lang}}"){{/if}}. Decide which one applies:',
  a: 'The submitted answer is a subset of the expert answer and is fully consistent with it.',
  b: 'The submitted answer is a superset of the expert answer and is fully consistent with it.',
  c: 'The submitted answer contains all the same details as the expert answer.',
  d: 'There is a disagreement between the submitted answer and the expert answer.',
  e: 'The answers differ, but these differences do not matter from the perspective of factuality.',
  afterChoices: '',
  replyShape: 'Reply with one JSON object and nothing else, in this shape:',
  reasonHint: 'one or two sentences',
  or: 'or',
});
