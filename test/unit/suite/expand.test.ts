/** Expansion: order, ids, templates, system, variants, maps, filters, overrides, lang detection. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../../src/contracts/case.js';
import { InputError } from '../../../src/errors.js';
import { compileFilter, expandCases } from '../../../src/suite/expand.js';
import { loadSuites } from '../../../src/suite/load.js';
import type { Suite } from '../../../src/suite/types.js';

const valid = fileURLToPath(new URL('../../fixtures/suites/valid/', import.meta.url));

let full: Suite;
let cases: Case[];
beforeAll(async () => {
  full = (await loadSuites(['full.yaml'], { cwd: valid })).suites[0]!;
  cases = await expandCases([full]);
});

const byId = (id: string) => cases.find((c) => c.id === id)!;

describe('expandCases', () => {
  it('expands test × lang × model × variant × sample in a stable order with stable ids', () => {
    expect(cases.map((c) => c.id)).toEqual([
      'full/variants/qwen-max/v1#0',
      'full/variants/qwen-max/v1#1',
      'full/variants/qwen-max/v2#0',
      'full/variants/qwen-max/v2#1',
      'full/variants/qwen-max-2025-01-25/v1#0',
      'full/variants/qwen-max-2025-01-25/v1#1',
      'full/variants/qwen-max-2025-01-25/v2#0',
      'full/variants/qwen-max-2025-01-25/v2#1',
      'full/greets-in-chinese/qwen-max#0',
      'full/greets-in-chinese/qwen-max-2025-01-25#0',
      'full/refund/en/qwen-max#0',
      'full/refund/en/qwen-max-2025-01-25#0',
      'full/refund/zh/qwen-max#0',
      'full/refund/zh/qwen-max-2025-01-25#0',
      'full/chat/qwen-max#0',
      'full/chat/qwen-max-2025-01-25#0',
      'full/chat-map/fr/qwen-max#0',
      'full/chat-map/fr/qwen-max-2025-01-25#0',
      'full/chat-map/de/qwen-max#0',
      'full/chat-map/de/qwen-max-2025-01-25#0',
    ]);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('renders prompts and the system message with vars, model and test.id; params merged', () => {
    const v2 = byId('full/variants/qwen-max-2025-01-25/v2#0');
    expect(v2.variant).toBe('v2');
    expect(v2.sample).toBe(0);
    expect(v2.request).toEqual({
      model: 'qwen-max-2025-01-25',
      temperature: 0,
      max_tokens: 200,
      seed: 7,
      top_p: 0.9,
      messages: [
        { role: 'system', content: 'You are concise. Reply in English.' },
        { role: 'user', content: 'Say hello to Ana in English, as qwen-max-2025-01-25.' },
      ],
    });
    expect(byId('full/refund/en/qwen-max#0').request.messages[1]!.content).toBe(
      'What is your refund policy for refund?',
    );
  });

  it('does not prepend the system message when the messages have one', () => {
    const chat = byId('full/chat/qwen-max#0');
    expect(chat.request.messages).toEqual([
      { role: 'system', content: 'Answer as qwen-max.' },
      { role: 'user', content: 'Hi Ana' },
    ]);
    expect(chat.skip).toBe(true);
    expect(chat.variant).toBeNull();
  });

  it('gives each language of a prompt or messages map its own case with that lang', () => {
    expect(byId('full/refund/zh/qwen-max#0').lang).toBe('zh');
    expect(byId('full/refund/zh/qwen-max#0').request.messages[1]!.content).toBe('你们的退款政策是什么？');
    expect(byId('full/chat-map/de/qwen-max#0').lang).toBe('de');
    expect(byId('full/chat-map/de/qwen-max#0').request.messages[1]!.content).toBe('Hallo Ana');
  });

  it('renders templated assertion values per case and leaves a value-less language assertion alone', () => {
    const zh = byId('full/greets-in-chinese/qwen-max#0');
    expect(zh.assertions.map((a) => a.value)).toEqual([
      undefined,
      'zh',
      '李雷',
      ['李雷', '你好'],
      'A polite greeting addressed to 李雷',
    ]);
    const refund = byId('full/refund/en/qwen-max-2025-01-25#0');
    expect(refund.assertions.find((a) => a.type === 'language')!.value).toBeUndefined();
    expect(refund.assertions.find((a) => a.type === 'not-contains')!.value).toBe('qwen-max-2025-01-25');
    // The source spec keeps the template: rendering never mutates the loaded suite.
    expect(full.tests[1]!.assert[2]!.value).toBe('{{name}}');
  });

  it('copies the per-test settings onto each case', () => {
    const zh = byId('full/greets-in-chinese/qwen-max#0');
    expect(zh).toMatchObject({
      suite: 'full',
      suite_file: 'full.yaml',
      test_id: 'greets-in-chinese',
      test_name: 'Greets in Chinese',
      threshold: 0.5,
      pass_rate: 0.8,
      repeat: 1,
      tags: ['smoke'],
      vars: { language: 'Chinese', name: '李雷' },
      pos: { file: 'full.yaml', line: 19, col: 5 },
    });
  });

  it('detects the language of a test without lang from its rendered prompt', async () => {
    expect(byId('full/variants/qwen-max/v1#0').lang).toBe('en');
    const [c] = await expandCases([
      {
        ...full,
        tests: [{ ...full.tests[0]!, id: 'de', vars: {} }],
        prompts: { only: 'Bitte erkläre mir, warum der Himmel am Tag blau aussieht.' },
        models: ['qwen-max'],
      },
    ]);
    expect(c!.lang).toBe('de');
  });
});

describe('expandCases options', () => {
  it('overrides models and repeat', async () => {
    const out = await expandCases([full], { models: ['alibaba/qwen3-max-instruct'], repeat: 3 });
    expect(out).toHaveLength((2 + 1 + 2 + 1 + 2) * 3);
    expect(new Set(out.map((c) => c.model))).toEqual(new Set(['alibaba/qwen3-max-instruct']));
    expect(out.filter((c) => c.test_id === 'refund').map((c) => c.sample)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('filters by substring of id or name, by /re/, by tag and by language', async () => {
    const ids = async (o: Parameters<typeof expandCases>[1]) =>
      (await expandCases([full], o)).map((c) => c.id);
    expect(await ids({ filter: 'Chinese' })).toEqual([
      'full/greets-in-chinese/qwen-max#0',
      'full/greets-in-chinese/qwen-max-2025-01-25#0',
    ]);
    expect(await ids({ filter: '/refund\\/zh\\/.*#0$/' })).toEqual([
      'full/refund/zh/qwen-max#0',
      'full/refund/zh/qwen-max-2025-01-25#0',
    ]);
    expect((await ids({ tags: ['greeting'] })).every((id) => id.startsWith('full/variants/'))).toBe(true);
    expect(await ids({ langs: ['fr', 'zh'], models: ['qwen-max'] })).toEqual([
      'full/greets-in-chinese/qwen-max#0',
      'full/refund/zh/qwen-max#0',
      'full/chat-map/fr/qwen-max#0',
    ]);
  });

  it('rejects a --filter regex that does not compile as an input error', () => {
    expect(() => compileFilter('/(/')).toThrow(InputError);
    expect(compileFilter('/^a/i')('Abc', undefined)).toBe(true);
    expect(compileFilter('b')('abc', undefined)).toBe(true);
    expect(compileFilter('zz')('abc', 'xzzx')).toBe(true);
  });
});

describe('scale', () => {
  it('expands 10,000 dataset-like tests quickly, compiling each template once', async () => {
    const tests = Array.from({ length: 10_000 }, (_, i) => ({
      ...full.tests[1]!,
      id: `t${i}`,
      lang: 'en',
      vars: { name: `N${i}`, language: 'English' },
    }));
    const start = performance.now();
    const out = await expandCases([{ ...full, tests, models: ['qwen-max'] }]);
    const ms = performance.now() - start;
    expect(out).toHaveLength(10_000);
    expect(out[9_999]!.assertions[2]!.value).toBe('N9999');
    expect(out[9_999]!.request.messages[0]!.content).toBe('You are concise. Reply in English.');
    console.log(`expanded 10,000 cases in ${ms.toFixed(0)} ms`);
  });
});
