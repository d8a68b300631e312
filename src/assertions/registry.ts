import type { AssertionType } from '../catalog/assertions.js';
import { javascript } from './custom.js';
import { goalMet } from './goal-met.js';
import { language, length, script } from './language.js';
import { localeFormat } from './locale-format.js';
import { consistent, similar } from './meaning.js';
import { factuality, llmRubric } from './model-graded.js';
import { cost, finishReason, latency, tokens, ttft } from './operational.js';
import { bleu, chrF, levenshtein, rougeL } from './reference.js';
import { containsJson, isJson, jsonPath, jsonSchema } from './structure.js';
import {
  contains,
  containsAll,
  containsAny,
  endsWithFactory,
  equals,
  icontains,
  icontainsAll,
  icontainsAny,
  regex,
  startsWithFactory,
} from './text.js';
import { toolCall, toolCallF1, toolCalls, turns } from './tools.js';
import type { AssertionFactory } from './types.js';

/**
 * Every assertion type's factory, keyed by the catalog's names. `satisfies` makes a type missing
 * here (or misspelt) a compile error, so the catalog, the JSON Schema and the code cannot drift.
 * `not-` forms are not entries: `compileAssertion` negates the base type.
 */
export const registry = {
  equals,
  contains,
  icontains,
  'contains-any': containsAny,
  'contains-all': containsAll,
  'icontains-any': icontainsAny,
  'icontains-all': icontainsAll,
  'starts-with': startsWithFactory,
  'ends-with': endsWithFactory,
  regex,

  'is-json': isJson,
  'contains-json': containsJson,
  'json-schema': jsonSchema,
  'json-path': jsonPath,

  language,
  script,
  length,
  'locale-format': localeFormat,

  levenshtein,
  bleu,
  'rouge-l': rougeL,
  chrf: chrF,

  latency,
  cost,
  tokens,
  'finish-reason': finishReason,
  ttft,

  'llm-rubric': llmRubric,
  factuality,
  'goal-met': goalMet,

  'tool-call': toolCall,
  'tool-calls': toolCalls,
  'tool-call-f1': toolCallF1,
  turns,

  javascript,

  similar,
  consistent,
} satisfies Record<AssertionType, AssertionFactory>;
