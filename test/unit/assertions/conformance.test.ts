import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { closeScriptWorkers } from '../../../src/assertions/custom/file-script.js';
import { registry } from '../../../src/assertions/registry.js';
import { type AssertionType, assertionTypes, catalog } from '../../../src/catalog/assertions.js';
import type { ModelResponse } from '../../../src/contracts/chat.js';
import type { Transcript } from '../../../src/contracts/result.js';
import { context, fakeEmbed, fakeGrader, response, spec } from './helpers.js';

/**
 * Every registered type with one passing and one failing example, run through the same compile
 * path as scoreCase. The table is typed by the catalog, so a new type without examples does not
 * compile.
 */

interface Example {
  options: Record<string, unknown>;
  output: string;
  lang?: string;
  response?: Partial<ModelResponse>;
  grader?: string;
  /** The test's answers by language, for the cross-language types. */
  siblings?: Record<string, string | null>;
  /** A simulated user's dialogue (goal-met): the case's `simulate` and its transcript. */
  dialogue?: boolean;
}
const fixtures = path.resolve(import.meta.dirname, '../../fixtures/assertions');
const passVerdict = '{"reason":"fine","pass":true,"score":0.9}';
const failVerdict = '```json\n{"reason":"off topic","pass":false,"score":0.1}\n```';

const refundDialogue: Transcript = {
  messages: [
    { role: 'user', content: 'मुझे ऑर्डर 1234 का रिफंड चाहिए।', turn: 1, simulated: true },
    { role: 'assistant', content: 'रिफंड शुरू कर दिया गया है।', turn: 1, step: 1 },
  ],
  steps: 1,
  turns: 1,
  simulation: { ended: 'goal', final: '[GOAL MET]', calls: 2 },
};

const weatherCalls = [
  { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
  { id: 'call_2', name: 'get_time', arguments: '{}' },
];

const examples: Record<AssertionType, { pass: Example; fail: Example }> = {
  equals: {
    pass: { options: { value: 'Paris' }, output: 'Paris' },
    fail: { options: { value: 'Paris' }, output: 'Paris.' },
  },
  contains: {
    pass: { options: { value: '李雷' }, output: '你好，李雷！' },
    fail: { options: { value: '韩梅梅' }, output: '你好，李雷！' },
  },
  icontains: {
    pass: { options: { value: 'HELLO' }, output: 'well, hello' },
    fail: { options: { value: 'bye' }, output: 'hello' },
  },
  'contains-any': {
    pass: { options: { value: ['a', 'zz'] }, output: 'cat' },
    fail: { options: { value: ['x', 'y'] }, output: 'cat' },
  },
  'contains-all': {
    pass: { options: { value: ['c', 't'] }, output: 'cat' },
    fail: { options: { value: ['c', 'x'] }, output: 'cat' },
  },
  'icontains-any': {
    pass: { options: { value: ['DOG', 'CAT'] }, output: 'a cat' },
    fail: { options: { value: ['DOG'] }, output: 'a cat' },
  },
  'icontains-all': {
    pass: { options: { value: ['A', 'CAT'] }, output: 'a cat' },
    fail: { options: { value: ['A', 'DOG'] }, output: 'a cat' },
  },
  'starts-with': {
    pass: { options: { value: 'Dear' }, output: 'Dear Sir' },
    fail: { options: { value: 'Sir' }, output: 'Dear Sir' },
  },
  'ends-with': {
    pass: { options: { value: 'Sir' }, output: 'Dear Sir' },
    fail: { options: { value: 'Dear' }, output: 'Dear Sir' },
  },
  regex: {
    pass: { options: { value: '^\\d{3}$' }, output: '123' },
    fail: { options: { value: '^\\d{3}$' }, output: '1234' },
  },
  'is-json': { pass: { options: {}, output: '{"a":1}' }, fail: { options: {}, output: 'Sure: {"a":1}' } },
  'contains-json': {
    pass: { options: {}, output: 'Sure: {"a":1}' },
    fail: { options: {}, output: 'no json here {a}' },
  },
  'json-schema': {
    pass: { options: { value: { type: 'object', required: ['a'] } }, output: '{"a":1}' },
    fail: { options: { value: 'file://person.schema.json' }, output: '{"name":"Ann","age":-1}' },
  },
  'json-path': {
    pass: { options: { path: '$.items[0].id', equals: 7 }, output: '{"items":[{"id":7}]}' },
    fail: { options: { path: '$.items[0].id', equals: 8 }, output: '{"items":[{"id":7}]}' },
  },
  language: {
    pass: { options: { value: 'fr' }, output: "Bonjour, je suis ravi de vous aider aujourd'hui." },
    fail: { options: { value: 'fr' }, output: 'Hello, I am happy to help you today with this.' },
  },
  script: {
    pass: { options: { value: 'Han' }, output: '你好世界 ok' },
    fail: { options: { value: 'Arabic' }, output: 'hello' },
  },
  length: {
    pass: { options: { unit: 'words', max: 4 }, output: '我喜欢吃苹果' },
    fail: { options: { unit: 'words', max: 3 }, output: '我喜欢吃苹果' },
  },
  'locale-format': {
    pass: { options: { value: 'number' }, output: 'Es kostet 1.234,50 Euro.', lang: 'de' },
    fail: { options: { value: 'number' }, output: 'Es kostet 1,234.50 Euro.', lang: 'de' },
  },
  levenshtein: {
    pass: { options: { value: 'kitten', max: 3 }, output: 'sitting' },
    fail: { options: { value: 'kitten', max: 2 }, output: 'sitting' },
  },
  bleu: {
    pass: { options: { value: 'the cat is on the mat' }, output: 'the cat is on the mat' },
    fail: { options: { value: 'the cat is on the mat' }, output: 'a dog barked loudly' },
  },
  'rouge-l': {
    pass: { options: { value: 'police killed the gunman' }, output: 'police kill the gunman' },
    fail: { options: { value: 'police killed the gunman' }, output: 'a dog barked at the mailman' },
  },
  chrf: {
    pass: { options: { value: 'Guten Morgen' }, output: 'Guten Morgen!' },
    fail: { options: { value: 'Guten Morgen' }, output: 'Bonsoir' },
  },
  latency: {
    pass: { options: { max_ms: 1000 }, output: '' },
    fail: { options: { max_ms: 500 }, output: '' },
  },
  cost: {
    pass: { options: { max_usd: 0.001 }, output: '' },
    fail: { options: { max_usd: 0.0001 }, output: '' },
  },
  tokens: { pass: { options: { max: 50 }, output: '' }, fail: { options: { max: 49 }, output: '' } },
  'finish-reason': {
    pass: { options: { value: 'stop' }, output: '' },
    fail: { options: { value: 'stop' }, output: '', response: { finish_reason: 'length' } },
  },
  ttft: {
    pass: { options: { max_ms: 300 }, output: '', response: { ttft_ms: 120 } },
    fail: { options: { max_ms: 100 }, output: '', response: { ttft_ms: 120 } },
  },
  'llm-rubric': {
    pass: { options: { value: 'is a greeting' }, output: 'Hello!', grader: passVerdict },
    fail: { options: { value: 'is a greeting' }, output: 'The sky is blue.', grader: failVerdict },
  },
  factuality: {
    pass: {
      options: { value: 'Paris is the capital of France.' },
      output: 'Paris',
      grader: '{"reason":"ok","category":"A"}',
    },
    fail: {
      options: { value: 'Paris is the capital of France.' },
      output: 'Lyon',
      grader: '{"reason":"no","category":"D"}',
    },
  },
  'tool-call': {
    pass: {
      options: { name: 'get_weather', args: { city: 'Paris' } },
      output: '',
      response: { tool_calls: weatherCalls },
    },
    fail: {
      options: { name: 'get_weather', args: { city: 'Oslo' } },
      output: '',
      response: { tool_calls: weatherCalls },
    },
  },
  'tool-calls': {
    pass: {
      options: { value: ['get_weather', 'get_time'] },
      output: '',
      response: { tool_calls: weatherCalls },
    },
    fail: {
      options: { value: ['get_time', 'get_weather'] },
      output: '',
      response: { tool_calls: weatherCalls },
    },
  },
  'tool-call-f1': {
    pass: {
      options: { value: ['get_time', 'get_weather'] },
      output: '',
      response: { tool_calls: weatherCalls },
    },
    fail: {
      options: { value: ['get_weather', 'book_table'] },
      output: '',
      response: { tool_calls: weatherCalls },
    },
  },
  'goal-met': {
    pass: { options: {}, output: 'रिफंड शुरू कर दिया गया है।', dialogue: true, grader: passVerdict },
    fail: { options: {}, output: 'रिफंड शुरू कर दिया गया है।', dialogue: true, grader: failVerdict },
  },
  turns: {
    pass: { options: { max: 1 }, output: 'ok' },
    fail: { options: { min: 2 }, output: 'ok' },
  },
  javascript: {
    pass: { options: { value: 'output.length > 3' }, output: 'hello' },
    fail: { options: { value: 'file://check-polite.mjs' }, output: 'go away' },
  },
  similar: {
    pass: {
      options: { value: 'Refunds within 30 days with a receipt.' },
      output: 'You get a refund within 30 days if you have the receipt.',
    },
    fail: { options: { value: 'Refunds within 30 days with a receipt.' }, output: 'Tomorrow brings rain.' },
  },
  consistent: {
    pass: {
      options: {},
      output: 'Refund within 30 days with a receipt.',
      lang: 'en',
      siblings: {
        en: 'Refund within 30 days with a receipt.',
        de: 'Rückerstattung innerhalb von 30 Tagen mit Quittung.',
      },
    },
    // The case of the language that strays fails (the others pass, naming it).
    fail: {
      options: {},
      output: 'Demain, il y aura de la pluie.',
      lang: 'fr',
      siblings: {
        en: 'Refund within 30 days with a receipt.',
        de: 'Rückerstattung innerhalb von 30 Tagen mit Quittung.',
        fr: 'Demain, il y aura de la pluie.',
      },
    },
  },
};

async function run(type: string, ex: Example) {
  const a = compileAssertion(spec(type, ex.options));
  const ctx = context({
    lang: ex.lang ?? null,
    response: response(ex.output, ex.response),
    baseDir: fixtures,
    ...(ex.grader ? { grade: fakeGrader(ex.grader) } : {}),
  });
  ctx.embed = fakeEmbed();
  const siblings = ex.siblings;
  if (siblings) ctx.siblings = async () => siblings;
  if (ex.dialogue) {
    ctx.case = {
      ...ctx.case,
      simulate: { persona: 'An impatient customer', goal: 'A refund', max_turns: 3 },
    };
    ctx.transcript = refundDialogue;
  }
  return a(ex.output, ctx);
}

afterAll(closeScriptWorkers);

describe('assertion conformance', () => {
  it('registers exactly the catalog types', () => {
    expect(Object.keys(registry).sort()).toEqual([...assertionTypes].sort());
  });

  for (const type of assertionTypes) {
    it(`${type}: passes its passing example and fails its failing one`, async () => {
      const ok = await run(type, examples[type].pass);
      expect(ok.pass, ok.reason).toBe(true);
      expect(ok.score).toBeGreaterThan(0);
      expect(ok.score).toBeLessThanOrEqual(1);
      expect(ok.reason.length).toBeGreaterThan(0);
      const bad = await run(type, examples[type].fail);
      expect(bad.pass, bad.reason).toBe(false);
      expect(bad.score).toBeGreaterThanOrEqual(0);
      expect(bad.score).toBeLessThan(1);
      expect(bad.reason.length).toBeGreaterThan(0);
    });

    if (catalog[type].deterministic) {
      it(`not-${type} inverts both examples`, async () => {
        const ok = await run(`not-${type}`, examples[type].pass);
        const bad = await run(`not-${type}`, examples[type].fail);
        expect(ok.pass).toBe(false);
        expect(bad.pass).toBe(true);
        expect(bad.reason).toContain(`not-${type} passes`);
      });
    }
  }

  it('refuses to negate a model-graded type', () => {
    expect(() => compileAssertion(spec('not-llm-rubric', { value: 'x' }))).toThrow(/cannot be negated/);
  });
});
