/**
 * The suite file's JSON Schema, derived from the typed tables the code uses: the assertion
 * catalog (types, `not-` forms, per-type options) and the request parameters of the models
 * qeval knows. Published as `schema/suite.schema.json` (`npm run gen:schema`); a unit test fails
 * when the committed file differs from what this builds.
 */
import {
  type AssertionType,
  allTypeNames,
  assertionTypes,
  type CatalogEntry,
  catalog,
  commonOptions,
  graderSchema,
} from '../catalog/assertions.js';
import type { JsonSchema } from '../contracts/json-schema.js';
import { modelParamTables } from '../generated/model-params.js';
import { simulateSchema } from './simulate.js';

/** Test keys (besides the ones only a test may have) that `defaults` may set for every test. */
export const defaultableKeys = [
  'lang',
  'tags',
  'vars',
  'prompt',
  'messages',
  'params',
  'assert',
  'threshold',
  'repeat',
  'pass_rate',
  'skip',
  'tools',
  'max_steps',
] as const;

/** Keys only a test itself may have. */
export const testOnlyKeys = ['id', 'name', 'description', 'conversation', 'goal', 'simulate'] as const;

/** Top-level keys of a suite file. */
export const suiteKeys = [
  '$schema',
  'name',
  'description',
  'models',
  'params',
  'system',
  'prompts',
  'vars',
  'grader',
  'tools',
  'max_steps',
  'defaults',
  'tests',
] as const;

export const fileRef: JsonSchema = { type: 'string', pattern: '^file://.+' };
/** A BCP-47 tag as written in suites: `zh`, `pt-BR`, `zh-Hant-TW`. */
export const langPattern = '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$';
/** Text shown to people (a suite's name): anything but control characters. */
export const textPattern = '^[^\\u0000-\\u001f\\u007f-\\u009f]+$';

/**
 * Test ids and variant names end up in case ids `<suite>/<test>/<lang>/<model>/<variant>#<n>`,
 * which are printed: no separators, no white space, no control characters.
 */
export const idPattern = '^[^/#\\s\\u0000-\\u001f\\u007f-\\u009f]+$';

/**
 * The assertion schema and one definition per type (its options), chosen in one of two ways.
 * `if`: a branch per type, the form every JSON Schema tool reads (schema/suite.schema.json, for
 * editors). `discriminator`: ajv picks the definition by the value of `type` (a `oneOf`), the form
 * the precompiled validator is built from, so an assertion is checked against its own type only
 * and in a small function of its own. Trying all 25 `if`s made ajv build and drop an error object
 * for each type an assertion is not, a lot of garbage for a large suite.
 */
function assertionSchemas(dispatch: 'if' | 'discriminator'): {
  assertion: JsonSchema;
  perType: Record<string, JsonSchema>;
} {
  const branches: JsonSchema[] = [];
  const perType: Record<string, JsonSchema> = {};
  for (const t of assertionTypes) {
    const e: CatalogEntry = catalog[t as AssertionType];
    const names = e.deterministic ? [t, `not-${t}`] : [t];
    const properties: Record<string, JsonSchema> = {
      type: { enum: names },
      weight: commonOptions.weight!,
      name: commonOptions.name!,
      turn: { ...commonOptions.turn, description: 'judge this user turn of a conversation (1-based)' },
      ...e.options,
    };
    if (e.value) properties.value = e.value;
    if (e.scored) properties.threshold = commonOptions.threshold!;
    const options: JsonSchema = { properties, additionalProperties: false };
    if (e.valueRequired) options.required = ['value'];
    if (e.oneOf) options.anyOf = e.oneOf.map((k) => ({ required: [k] }));
    perType[`assertion-${t}`] = options;
    if (dispatch === 'if') {
      const then: JsonSchema = { $ref: `#/definitions/assertion-${t}` };
      branches.push({ if: { properties: { type: { enum: names } }, required: ['type'] }, then });
    }
  }
  const assertion: JsonSchema = {
    type: 'object',
    required: ['type'],
    properties: {
      type: { enum: allTypeNames(), description: 'assertion type; prefix not- negates a deterministic type' },
      value: { description: 'expected value; a template for text and reference types' },
      weight: { ...commonOptions.weight, description: 'weight in the test score (default 1)' },
      threshold: { ...commonOptions.threshold, description: 'pass when the score reaches it (scored types)' },
      name: { ...commonOptions.name, description: 'label shown in reports' },
    },
  };
  if (dispatch === 'if') assertion.allOf = branches;
  else {
    assertion.discriminator = { propertyName: 'type' };
    assertion.oneOf = Object.keys(perType).map((name) => ({ $ref: `#/definitions/${name}` }));
  }
  return { assertion, perType };
}

function paramsSchema(): JsonSchema {
  // Types only: ranges differ per model and are checked against the model's own list.
  const properties: Record<string, JsonSchema> = {};
  for (const table of modelParamTables) {
    for (const [name, schema] of Object.entries(table.params)) {
      if (properties[name]) continue;
      const type = schema.type;
      properties[name] = {
        ...(type ? { type } : {}),
        description: `request parameter (${table.models[0]} and others; checked per model)`,
      };
    }
  }
  return {
    type: 'object',
    description: 'request parameters sent with every call; checked against each model qeval knows',
    properties,
    propertyNames: { not: { enum: ['model', 'messages'] } },
  };
}

const strList: JsonSchema = { type: 'array', items: { type: 'string' } };

function messageSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['role', 'content'],
    additionalProperties: false,
    properties: {
      role: { enum: ['system', 'user', 'assistant', 'tool'] },
      content: {
        anyOf: [
          { type: 'string' },
          {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['type', 'text'],
              additionalProperties: false,
              properties: { type: { const: 'text' }, text: { type: 'string' } },
            },
          },
        ],
      },
      name: { type: 'string' },
      tool_call_id: { type: 'string' },
    },
  };
}

function testProperties(): Record<string, JsonSchema> {
  const perLang = (item: JsonSchema): JsonSchema => ({
    type: 'object',
    minProperties: 1,
    propertyNames: { pattern: langPattern },
    additionalProperties: item,
  });
  const messages: JsonSchema = { type: 'array', minItems: 1, items: { $ref: '#/definitions/message' } };
  return {
    lang: {
      type: 'string',
      pattern: langPattern,
      description: 'BCP-47 tag; default: detected from the prompt',
    },
    tags: { ...strList, description: 'labels for --tag and per-tag breakdowns' },
    vars: { type: 'object', description: 'template variables' },
    prompt: {
      description: 'one user message (a template), or a map from language to text',
      anyOf: [{ type: 'string', minLength: 1 }, perLang({ type: 'string', minLength: 1 })],
    },
    messages: {
      description: 'role/content messages, or a map from language to such a list',
      anyOf: [messages, perLang(messages)],
    },
    params: { $ref: '#/definitions/params' },
    assert: { type: 'array', items: { $ref: '#/definitions/assertion' } },
    threshold: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'pass when the weighted score reaches it',
    },
    repeat: { type: 'integer', minimum: 1, maximum: 1000, description: 'samples of this test' },
    pass_rate: { type: 'number', minimum: 0, maximum: 1, description: 'share of samples that must pass' },
    skip: { type: 'boolean' },
    tools: toolsSchema,
    max_steps: maxStepsSchema,
  };
}

/** A tool's name as the gateway allows it (the OpenAPI file: a-z, A-Z, 0-9, `_`, `-`, up to 64). */
export const toolNamePattern = '^[A-Za-z0-9_-]{1,64}$';

const toolsSchema: JsonSchema = {
  description: 'functions the model may call (OpenAI function format), or file://tools.json',
  anyOf: [{ type: 'array', items: { $ref: '#/definitions/tool' } }, fileRef],
};
const maxStepsSchema: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: 100,
  description: 'model calls of one user turn before the case fails (default 6)',
};

function toolSchema(): JsonSchema {
  const fn = {
    name: { type: 'string', pattern: toolNamePattern, description: 'the function the model calls' },
    description: { type: 'string' },
    parameters: { type: 'object', description: 'its arguments, as a JSON Schema object' },
    strict: { type: 'boolean' },
  };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { const: 'function' },
      function: { type: 'object', required: ['name'], additionalProperties: false, properties: fn },
      ...fn,
      mock: {
        description: 'results by arguments ("city=Paris", "*" for the rest), or file://module.js',
        anyOf: [{ type: 'object' }, fileRef],
      },
    },
    anyOf: [{ required: ['name'] }, { required: ['function'] }],
  };
}

/**
 * Builds the suite JSON Schema. Draft-07: the draft yaml-language-server and ajv's default
 * class both support fully (if/then, const, propertyNames are all there).
 */
export function buildSuiteSchema(options: { dispatch?: 'if' | 'discriminator' } = {}): JsonSchema {
  const assertions = assertionSchemas(options.dispatch ?? 'if');
  const testProps = testProperties();
  const test: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      id: {
        description: 'stable id (default: slug of name, else the index)',
        anyOf: [
          { type: 'string', minLength: 1, pattern: idPattern },
          { type: 'integer', minimum: 0 },
        ],
      },
      name: { type: 'string' },
      description: { type: 'string' },
      ...testProps,
      conversation: {
        description: 'scripted user turns, each sent with the whole history; per-turn assertions',
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['user'],
          additionalProperties: false,
          properties: {
            user: {
              description: 'the user message (a template), or a map from language to text',
              anyOf: [
                { type: 'string', minLength: 1 },
                {
                  type: 'object',
                  minProperties: 1,
                  propertyNames: { pattern: langPattern },
                  additionalProperties: { type: 'string', minLength: 1 },
                },
              ],
            },
            assert: { type: 'array', items: { $ref: '#/definitions/assertion' } },
          },
        },
      },
      goal: {
        description:
          'what the user of the conversation wants: goal-met judges from the whole transcript whether it was reached (a template, or file://)',
        type: 'string',
        minLength: 1,
      },
      simulate: simulateSchema as JsonSchema,
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://qeval.dev/schema/suite.schema.json',
    title: 'qeval suite',
    description: 'One qeval suite file: models, prompts and tests with assertions.',
    type: 'object',
    required: ['tests'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      name: {
        type: 'string',
        minLength: 1,
        pattern: textPattern,
        description:
          "shown in reports; any text (its slug names case ids and the cassette when it is not an id); default: the file's stem",
      },
      description: { type: 'string' },
      models: {
        description: 'model ids; default from config, else qwen-max',
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        ],
        examples: [...new Set(modelParamTables.flatMap((t) => t.models))].sort(),
      },
      params: { $ref: '#/definitions/params' },
      system: { type: 'string', description: 'system message (a template, or file://)' },
      prompts: {
        type: 'object',
        description: 'named prompt variants; each test runs once per variant',
        minProperties: 1,
        propertyNames: { pattern: idPattern },
        additionalProperties: { type: 'string', minLength: 1 },
      },
      vars: { type: 'object', description: "defaults for every test's template variables" },
      grader: graderSchema,
      tools: toolsSchema,
      max_steps: maxStepsSchema,
      defaults: { type: 'object', additionalProperties: false, properties: testProps },
      tests: {
        description: 'a list of tests, or file://data.{yaml,jsonl,csv} whose rows give vars',
        anyOf: [{ type: 'array', minItems: 1, items: { $ref: '#/definitions/test' } }, fileRef],
      },
    },
    definitions: {
      test,
      assertion: assertions.assertion,
      ...assertions.perType,
      message: messageSchema(),
      tool: toolSchema(),
      params: paramsSchema(),
    },
  };
}

/** Alias of {@link buildSuiteSchema}. */
export const suiteSchema = buildSuiteSchema;
