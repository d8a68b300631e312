import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { comparesLanguages, cosine, defaultEmbeddingModel } from '../../../src/assertions/meaning.js';
import type { GradeFn } from '../../../src/assertions/types.js';
import { AssertionEvaluationError, AssertionOptionsError } from '../../../src/assertions/types.js';
import { context, fakeEmbed, response, spec } from './helpers.js';

const answers = {
  en: 'Refunds are possible within 30 days with a receipt.',
  de: 'Eine Rückerstattung ist innerhalb von 30 Tagen mit Quittung möglich.',
  zh: '凭收据可在30天内退款。',
  fr: 'Demain, il y aura de la pluie.',
};

function ctxFor(lang: string, siblings?: Record<string, string | null>) {
  const ctx = context({ lang });
  const embed = fakeEmbed();
  ctx.embed = embed;
  if (siblings) ctx.siblings = async () => siblings;
  return { ctx, embed };
}

describe('similar', () => {
  it('compares with a reference text through one embeddings call of the default model', async () => {
    const { ctx, embed } = ctxFor('en');
    const a = compileAssertion(spec('similar', { value: answers.en }));
    const r = await a('You can get a refund within 30 days if you keep the receipt.', ctx);
    expect(r.pass, r.reason).toBe(true);
    expect(embed.calls).toEqual([{ model: defaultEmbeddingModel, input: [expect.any(String), answers.en] }]);
    expect(r.reason).toMatch(
      /^cosine similarity to the reference \(text-embedding-3-small\) = 0\.\d+ ≥ threshold 0\.8$/,
    );
  });

  it('compares with the answer in another language (lang), across scripts', async () => {
    const { ctx } = ctxFor('zh', { ...answers });
    const r = await compileAssertion(spec('similar', { lang: 'en', model: 'm-e5' }))(answers.zh, ctx);
    expect(r.pass, r.reason).toBe(true);
    const off = await compileAssertion(spec('similar', { lang: 'en' }))(
      answers.fr,
      ctxFor('fr', { ...answers }).ctx,
    );
    expect(off.pass).toBe(false);
    expect(off.score).toBeLessThan(0.5);
  });

  it('refuses both value and lang, and a missing language is an evaluation error', async () => {
    expect(() => compileAssertion(spec('similar', { value: 'x', lang: 'en' }))).toThrow(
      AssertionOptionsError,
    );
    const a = compileAssertion(spec('similar', { lang: 'ja' }));
    await expect(a('x', ctxFor('en', { en: 'x' }).ctx)).rejects.toThrow(AssertionEvaluationError);
    expect(comparesLanguages(spec('similar', { lang: 'ja' }))).toBe(true);
    expect(comparesLanguages(spec('similar', { value: 'x' }))).toBe(false);
  });
});

describe('consistent', () => {
  it('passes when every language states the same facts', async () => {
    const { en, de, zh } = answers;
    const r = await compileAssertion(spec('consistent', {}))(en, ctxFor('en', { en, de, zh }).ctx);
    expect(r.pass, r.reason).toBe(true);
    expect(r.reason).toMatch(/\[de 0\.\d+, en 0\.\d+, zh 0\.\d+\]$/);
  });

  it("fails the language that strays, and names it in every language's reason", async () => {
    const siblings = { ...answers, ar: null };
    const fr = await compileAssertion(spec('consistent', {}))(answers.fr, ctxFor('fr', siblings).ctx);
    expect(fr.pass).toBe(false);
    expect(fr.reason).toMatch(
      /^cosine of this fr answer to the answers' centroid = 0\.\d+ < threshold 0\.8; fr strays/,
    );
    expect(fr.reason).toContain('no answer in ar');
    const en = await compileAssertion(spec('consistent', {}))(answers.en, ctxFor('en', siblings).ctx);
    expect(en.pass).toBe(true);
    expect(en.reason).toContain('fr strays from the others');
  });

  it('needs two answers and the run', async () => {
    const a = compileAssertion(spec('consistent', {}));
    await expect(a('x', ctxFor('en', { en: 'x', de: null }).ctx)).rejects.toThrow(/fewer than two languages/);
    await expect(a('x', ctxFor('en').ctx)).rejects.toThrow(/prompt map/);
    expect(() => compileAssertion(spec('consistent', { method: 'vibes' }))).toThrow(AssertionOptionsError);
  });
});

describe('consistent, method: grader', () => {
  /** A grader that calls an answer the same as the reference unless it mentions rain. */
  function graderCtx(lang: string, siblings: Record<string, string | null>) {
    const asked: string[] = [];
    const grade: GradeFn = async (req) => {
      const prompt = req.messages[0]!.content;
      asked.push(prompt);
      const checked = prompt.slice(prompt.indexOf('Answer to check'));
      const same = !/pluie/.test(checked);
      return response(
        JSON.stringify({
          pass: same,
          score: same ? 0.9 : 0.1,
          reason: same ? 'same facts' : 'it is about rain, not refunds',
        }),
      );
    };
    const ctx = context({ lang, grade });
    ctx.siblings = async () => siblings;
    return { ctx, asked };
  }

  it("checks a language's answer against the pivot's, naming the pivot", async () => {
    const a = compileAssertion(spec('consistent', { method: 'grader' }));
    const { ctx, asked } = graderCtx('de', { ...answers });
    const r = await a(answers.de, ctx);
    expect(r).toMatchObject({ pass: true, score: 0.9 });
    expect(r.reason).toBe('states the same facts as the en answer (qwen-max): same facts');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(`Reference answer (en):\n${answers.en}`);
    expect(asked[0]).toContain(`Answer to check (de):\n${answers.de}`);
    const off = await a(answers.fr, graderCtx('fr', { ...answers }).ctx);
    expect(off).toMatchObject({ pass: false, score: 0.1 });
    expect(off.reason).toMatch(/^differs from the en answer \(qwen-max\): it is about rain/);
  });

  it("fails the pivot's case naming each language that differs, and takes another pivot", async () => {
    const { ctx, asked } = graderCtx('en', { ...answers, ar: null });
    const r = await compileAssertion(spec('consistent', { method: 'grader' }))(answers.en, ctx);
    expect(r.pass).toBe(false);
    expect(asked).toHaveLength(3);
    expect(r.reason).toMatch(/^fr differ from this en answer \(qwen-max\) — fr: it is about rain/);
    expect(r.reason).toContain('no answer in ar');
    const zh = graderCtx('de', { en: answers.en, de: answers.de, zh: answers.zh });
    const p = await compileAssertion(spec('consistent', { method: 'grader', pivot: 'zh', model: 'judge-x' }))(
      answers.de,
      zh.ctx,
    );
    expect(p.reason).toBe('states the same facts as the zh answer (judge-x): same facts');
    expect(zh.asked[0]).toContain('Reference answer (zh):');
  });
});

describe('cosine', () => {
  it('is 1 for parallel, 0 for orthogonal or zero vectors', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 3])).toBe(0);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });
});
