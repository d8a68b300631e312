/**
 * Default grader prompt for `factuality`, a Handlebars template (rendered without HTML escaping),
 * after the classic five-way comparison of a submission with an expert answer (OpenAI evals'
 * "fact" template, as promptfoo uses it). Variables: `output`, `reference`, `input`, `lang`, `vars`.
 */
export const factualityPrompt = `You are comparing the factual content of a submitted answer with an expert answer to the same question.
{{#if input}}

[Question]: {{input}}
{{/if}}

[Expert answer]: {{reference}}

[Submitted answer]: {{output}}

Ignore differences in style, wording, grammar, punctuation and language{{#if lang}} (the submission is meant to be in "{{lang}}"){{/if}}. Decide which one applies:
(A) The submitted answer is a subset of the expert answer and is fully consistent with it.
(B) The submitted answer is a superset of the expert answer and is fully consistent with it.
(C) The submitted answer contains all the same details as the expert answer.
(D) There is a disagreement between the submitted answer and the expert answer.
(E) The answers differ, but these differences do not matter from the perspective of factuality.

Reply with one JSON object and nothing else, in this shape:
{"reason": "<one or two sentences>", "category": "<A, B, C, D or E>"}`;
