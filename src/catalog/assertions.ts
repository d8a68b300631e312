/**
 * The catalog of assertion types: names, families and their options, as data. The suite JSON
 * Schema, the semantic validation and the docs are all derived from this one table; the
 * implementations live in `registry.ts`, which must cover every name here.
 *
 * Kept free of heavy imports so `qeval validate` and `--help` stay fast.
 */

import { graderVotes } from '../contracts/case.js';
import type { JsonSchema } from '../contracts/json-schema.js';
export type Family =
  | 'text'
  | 'structure'
  | 'language'
  | 'reference'
  | 'operational'
  | 'model-graded'
  | 'tools'
  | 'custom'
  | 'meaning';

export interface CatalogEntry {
  family: Family;
  /** Deterministic types may be negated with a `not-` prefix. */
  deterministic: boolean;
  /** Scored types accept a `threshold` (pass when score ≥ threshold). */
  scored: boolean;
  /** Schema of `value`, or null when the type takes no value. */
  value: JsonSchema | null;
  valueRequired: boolean;
  /** Type-specific options besides the common ones (type, value, weight, threshold, name). */
  options: Record<string, JsonSchema>;
  /** Options of which at least one must be given. */
  oneOf?: string[];
  /** Whether `value` is a template rendered with the case's vars. */
  templatedValue: boolean;
  summary: string;
}

const str: JsonSchema = { type: 'string' };
const strOrList: JsonSchema = {
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
};
const strList: JsonSchema = { type: 'array', items: { type: 'string' }, minItems: 1 };
const nonNeg: JsonSchema = { type: 'number', minimum: 0 };
const nonNegInt: JsonSchema = { type: 'integer', minimum: 0 };
const share: JsonSchema = { type: 'number', minimum: 0, maximum: 1 };
/** A `grader:` block, the suite's or an assertion's own. */
export const graderSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    model: { type: 'string', minLength: 1 },
    prompt: { type: 'string', minLength: 1 },
    models: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
      description: 'graders that vote, each its own call (use instead of model)',
    },
    vote: {
      enum: [...graderVotes],
      description:
        'majority: more than half pass (a tie fails); all: every grader passes; mean: mean score ≥ threshold (default 0.5)',
    },
    params: { type: 'object', description: 'request parameters of grader calls (default temperature: 0)' },
  },
};
const grader = graderSchema;

function text(summary: string, value: JsonSchema = str): CatalogEntry {
  return {
    family: 'text',
    deterministic: true,
    scored: false,
    value,
    valueRequired: true,
    options: {},
    templatedValue: true,
    summary,
  };
}

function reference(summary: string, options: Record<string, JsonSchema> = {}): CatalogEntry {
  return {
    family: 'reference',
    deterministic: true,
    scored: true,
    value: str,
    valueRequired: true,
    options,
    templatedValue: true,
    summary,
  };
}

function operational(
  summary: string,
  options: Record<string, JsonSchema>,
  value: JsonSchema | null = null,
): CatalogEntry {
  return {
    family: 'operational',
    deterministic: true,
    scored: false,
    value,
    valueRequired: value !== null,
    options,
    oneOf: value === null ? Object.keys(options) : undefined,
    templatedValue: false,
    summary,
  };
}

export const catalog = {
  equals: text(
    'output equals the value exactly (after NFC normalisation); JSON values compare structurally',
    {},
  ),
  contains: text('output contains the value'),
  icontains: text("output contains the value, case folded by the test's language"),
  'contains-any': text('output contains at least one of the values', strList),
  'contains-all': text('output contains every value', strList),
  'icontains-any': text('case-insensitive contains-any', strList),
  'icontains-all': text('case-insensitive contains-all', strList),
  'starts-with': text('output starts with the value'),
  'ends-with': text('output ends with the value'),
  regex: {
    ...text('output matches the regular expression'),
    options: { flags: { type: 'string', pattern: '^[dgimsuvy]*$' } },
  },

  'is-json': {
    family: 'structure',
    deterministic: true,
    scored: false,
    value: null,
    valueRequired: false,
    options: {},
    templatedValue: false,
    summary: 'the whole output is valid JSON',
  },
  'contains-json': {
    family: 'structure',
    deterministic: true,
    scored: false,
    value: null,
    valueRequired: false,
    options: {},
    templatedValue: false,
    summary: 'the output contains a JSON value (also inside a code fence)',
  },
  'json-schema': {
    family: 'structure',
    deterministic: true,
    scored: false,
    value: { anyOf: [{ type: 'object' }, { type: 'string', pattern: '^file://' }] },
    valueRequired: true,
    options: {},
    templatedValue: false,
    summary: 'the JSON in the output validates against the schema (inline or file://)',
  },
  'json-path': {
    family: 'structure',
    deterministic: true,
    scored: false,
    value: null,
    valueRequired: false,
    options: { path: { type: 'string', pattern: '^\\$' }, equals: {}, contains: str },
    templatedValue: false,
    summary: 'the value at a JSONPath in the output JSON exists, equals or contains a value',
  },

  language: {
    family: 'language',
    deterministic: true,
    scored: false,
    value: strOrList,
    valueRequired: false,
    options: {},
    templatedValue: false,
    summary: "the output is in the given language (ISO 639-1 code or list; default the case's lang)",
  },
  script: {
    family: 'language',
    deterministic: true,
    scored: true,
    value: strOrList,
    valueRequired: true,
    options: { min_share: share },
    templatedValue: false,
    summary: 'at least min_share (0.5) of the letters are in the Unicode script',
  },
  length: {
    family: 'language',
    deterministic: true,
    scored: false,
    value: null,
    valueRequired: false,
    options: { unit: { enum: ['graphemes', 'words', 'sentences'] }, min: nonNegInt, max: nonNegInt },
    oneOf: ['min', 'max'],
    templatedValue: false,
    summary: 'length within min/max, counted in graphemes, words or sentences with Intl.Segmenter',
  },
  'locale-format': {
    family: 'language',
    deterministic: true,
    scored: false,
    value: {
      anyOf: [
        { enum: ['number', 'date', 'currency'] },
        { type: 'array', items: { enum: ['number', 'date', 'currency'] }, minItems: 1 },
      ],
    },
    valueRequired: false,
    options: {
      locale: { type: 'string', minLength: 2 },
      digits: { enum: ['native', 'latin', 'any'] },
      currency: {
        anyOf: [
          { type: 'string', pattern: '^[A-Z]{3}$' },
          { type: 'array', items: { type: 'string', pattern: '^[A-Z]{3}$' }, minItems: 1 },
        ],
      },
    },
    templatedValue: false,
    summary:
      "numbers, dates and currency amounts are written as the case's locale writes them (Intl); value lists the kinds required",
  },

  levenshtein: reference('edit distance over graphemes is at most max', { max: nonNegInt }),
  bleu: reference('BLEU against the reference (Intl.Segmenter tokens), default threshold 0.5'),
  'rouge-l': reference('ROUGE-L F-measure against the reference, default threshold 0.5'),
  chrf: reference('chrF (character 6-grams, beta 2) against the reference, default threshold 0.5'),

  latency: operational('call latency at most max_ms (in replay, the recorded duration)', { max_ms: nonNeg }),
  cost: operational('call cost at most max_usd', { max_usd: nonNeg }),
  tokens: operational('total tokens at most max', { max: nonNegInt }),
  'finish-reason': operational(
    'finish reason equals the value',
    {},
    { enum: ['stop', 'length', 'content_filter', 'tool_calls'] },
  ),
  ttft: operational('time to first token at most max_ms (streamed calls)', { max_ms: nonNeg }),

  'llm-rubric': {
    family: 'model-graded',
    deterministic: false,
    scored: true,
    value: str,
    valueRequired: true,
    options: { grader },
    templatedValue: true,
    summary: 'a grader model judges the output against the rubric',
  },
  factuality: {
    family: 'model-graded',
    deterministic: false,
    scored: true,
    value: str,
    valueRequired: true,
    options: { grader },
    templatedValue: true,
    summary: 'a grader model checks the output is consistent with the reference answer',
  },

  'tool-call': {
    family: 'tools',
    deterministic: true,
    scored: false,
    value: null,
    valueRequired: false,
    options: {
      name: { type: 'string', minLength: 1, description: 'the tool called' },
      args: { type: 'object', description: 'arguments the call has (a subset match)' },
      args_schema: { type: 'object', description: 'a JSON Schema the arguments satisfy' },
    },
    oneOf: ['name'],
    templatedValue: false,
    summary:
      'the model called the tool (with these args, or args matching args_schema); not-tool-call: it never did',
  },
  'tool-calls': {
    family: 'tools',
    deterministic: true,
    scored: false,
    value: strList,
    valueRequired: true,
    options: { order: { enum: ['strict', 'any'] } },
    templatedValue: false,
    summary: 'the tools called, in this exact sequence (order: strict, the default) or as a multiset (any)',
  },
  'tool-call-f1': {
    family: 'tools',
    deterministic: true,
    scored: true,
    value: strList,
    valueRequired: true,
    options: {},
    templatedValue: false,
    summary: 'F1 of the tools called against the expected list (as multisets), default threshold 1',
  },
  turns: {
    family: 'tools',
    deterministic: true,
    scored: false,
    value: null,
    valueRequired: false,
    options: { min: nonNegInt, max: nonNegInt },
    oneOf: ['min', 'max'],
    templatedValue: false,
    summary: 'the number of user turns of the conversation is within min/max',
  },

  javascript: {
    family: 'custom',
    deterministic: false,
    scored: true,
    value: str,
    valueRequired: true,
    options: { timeout_ms: { type: 'integer', minimum: 1, maximum: 600000 } },
    templatedValue: false,
    summary: 'an inline expression or file:// module given (output, context)',
  },

  similar: {
    family: 'meaning',
    deterministic: false,
    scored: true,
    value: str,
    valueRequired: false,
    options: { lang: { type: 'string', minLength: 2 }, model: { type: 'string', minLength: 1 } },
    oneOf: ['value', 'lang'],
    templatedValue: true,
    summary:
      "embedding cosine (POST /v1/embeddings) to a reference text, or to the test's answer in another language (lang), default threshold 0.8",
  },
  consistent: {
    family: 'meaning',
    deterministic: false,
    scored: true,
    value: null,
    valueRequired: false,
    options: {
      method: { enum: ['embedding', 'grader'] },
      model: { type: 'string', minLength: 1 },
      pivot: {
        type: 'string',
        minLength: 2,
        description: 'method grader: the language the others are checked against (default en)',
      },
    },
    templatedValue: false,
    summary:
      "a prompt-map test's answers in all its languages say the same (embedding: cosine to their centroid, default threshold 0.8; grader: each against the pivot language's); the straying language is named",
  },

  'goal-met': {
    family: 'model-graded',
    deterministic: false,
    scored: true,
    value: null,
    valueRequired: false,
    options: { grader },
    templatedValue: false,
    summary:
      "a grader model reads the whole transcript of a simulate: test (or a conversation with a goal) and judges whether the user's goal was reached",
  },
} satisfies Record<string, CatalogEntry>;

export type AssertionType = keyof typeof catalog;

export const assertionTypes = Object.keys(catalog) as AssertionType[];

/** Options every assertion accepts. */
export const commonOptions: Record<string, JsonSchema> = {
  type: { type: 'string' },
  value: {},
  weight: { type: 'number', minimum: 0 },
  threshold: { type: 'number', minimum: 0, maximum: 1 },
  name: { type: 'string' },
  turn: { type: 'integer', minimum: 1 },
};

/** Splits `not-contains` into `{ base: 'contains', negated: true }`; null for an unknown type. */
export function parseAssertionType(type: string): { base: AssertionType; negated: boolean } | null {
  if (Object.hasOwn(catalog, type)) return { base: type as AssertionType, negated: false };
  if (type.startsWith('not-')) {
    const base = type.slice(4);
    if (Object.hasOwn(catalog, base) && catalog[base as AssertionType].deterministic) {
      return { base: base as AssertionType, negated: true };
    }
  }
  return null;
}

/** Every type name a user may write, `not-` forms included. */
export function allTypeNames(): string[] {
  const names: string[] = [];
  for (const t of assertionTypes) {
    names.push(t);
    if (catalog[t].deterministic) names.push(`not-${t}`);
  }
  return names;
}
