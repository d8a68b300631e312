import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { answeredPairs, compareReports, reportSides } from '../../../src/compare/compare.js';
import { comparisonMarkdown } from '../../../src/compare/markdown.js';
import { combineVotes, pairwiseCounts, summarisePairwise } from '../../../src/compare/pairwise.js';
import { pairwiseMessages, parsePairwiseAnswer } from '../../../src/compare/pairwise-prompt.js';
import type { PairwiseCase, PairwiseWinner } from '../../../src/contracts/comparison.js';
import { pullRequestComment } from '../../../src/report/pr-comment.js';
import { fakeReport } from '../../utils/fake-report.js';
import { makeCase, makeReport } from './make-case.js';

let next = 0;
function judged(lang: string, winner: PairwiseWinner | 'error', times: number): PairwiseCase[] {
  return Array.from({ length: times }, () => {
    const i = next++;
    return {
      key: `demo/t${String(i).padStart(3, '0')}/${lang}`,
      lang,
      sample: 0,
      case_a: `a${i}`,
      case_b: `b${i}`,
      winner,
      votes: winner === 'error' ? { a_first: null, b_first: 'a' } : { a_first: winner, b_first: winner },
      reason: '',
    };
  });
}

describe('combineVotes', () => {
  it('is a win only when both orders pick the same side; any disagreement is a tie', () => {
    expect(combineVotes('b', 'b')).toBe('b');
    expect(combineVotes('a', 'a')).toBe('a');
    expect(combineVotes('tie', 'tie')).toBe('tie');
    // A grader that always picks the first answer: A with A first, B with B first.
    expect(combineVotes('a', 'b')).toBe('tie');
    expect(combineVotes('b', 'tie')).toBe('tie');
    expect(combineVotes(null, 'b')).toBe('error');
  });
});

describe('pairwise statistics', () => {
  // Hand-computed. de: 8 wins, 0 losses → sign p = 2·½⁸ = 0.0078125; fr: 0 wins, 6 losses →
  // 2·½⁶ = 0.03125; ja: 2–2 → 1. Holm: 0.0078125·3 = 0.0234375, 0.03125·2 = 0.0625, 1·1 = 1.
  const cases = [
    ...judged('de', 'b', 8),
    ...judged('de', 'tie', 2),
    ...judged('fr', 'a', 6),
    ...judged('ja', 'b', 2),
    ...judged('ja', 'a', 2),
    ...judged('ja', 'tie', 1),
    ...judged('ja', 'error', 1),
  ];
  const result = summarisePairwise(cases, 'qwen-max', { a: 'A', b: 'B' });

  it('counts wins, ties, losses and errors overall, with the exact sign test (ties dropped)', () => {
    const o = result.overall;
    expect([o.b_wins, o.a_wins, o.ties, o.errors, o.n]).toEqual([10, 8, 3, 1, 21]);
    // Binomial(18, ½): P(X ≠ 9) = 1 − C(18,9)/2¹⁸ = 1 − 48620/262144.
    expect(o.p).toBeCloseTo(1 - 48620 / 262144, 12);
    expect(o.b_win_share).toBeCloseTo(10 / 18, 12);
    expect(result.verdict).toContain('10 wins, 3 ties, 8 losses');
    expect(result.verdict).toContain('not significant');
  });

  it('per language: the sign test, Holm across languages, and the Wilson interval', () => {
    const row = Object.fromEntries(result.by_lang.map((g) => [g.name, g]));
    expect(result.by_lang.map((g) => g.name)).toEqual(['de', 'fr', 'ja']);
    expect(row.de!.p).toBeCloseTo(0.0078125, 12);
    expect(row.fr!.p).toBeCloseTo(0.03125, 12);
    expect(row.ja!.p).toBe(1);
    expect(row.de!.p_adjusted).toBeCloseTo(0.0234375, 12);
    expect(row.fr!.p_adjusted).toBeCloseTo(0.0625, 12);
    expect(row.ja!.p_adjusted).toBe(1);
    expect([row.de!.significant, row.fr!.significant, row.ja!.significant]).toEqual([true, false, false]);
    // Wilson 8/8 at z = 1.96: centre (1 + z²/16)/(1 + z²/8), half-width z/(1 + z²/8)·√(z²/256).
    expect(row.de!.ci!.low).toBeCloseTo(0.6756, 3);
    expect(row.de!.ci!.high).toBe(1);
    expect(row.fr!.b_win_share).toBe(0);
    expect(row.ja!.errors).toBe(1);
  });

  it('an all-tie set has no share and no preference', () => {
    const c = pairwiseCounts(judged('en', 'tie', 4));
    expect(c.b_win_share).toBeNull();
    expect(c.ci).toBeNull();
    expect(c.p).toBe(1);
    expect(summarisePairwise(judged('en', 'tie', 3), 'm', { a: 'A', b: 'B' }).verdict).toContain(
      'every pair a tie',
    );
  });

  it('is valid against schema/compare.schema.json as compare.json `pairwise`', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../schema/compare.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const a = makeReport([makeCase({ test_id: 't', status: 'pass' })]);
    const c = { ...compareReports(a, a), pairwise: result };
    expect(validate(JSON.parse(JSON.stringify(c))) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...c, pairwise: { ...result, overall: { n: 1 } } })).toBe(false);
  });
});

describe('answeredPairs', () => {
  it('pairs cases by test, lang and sample where both sides have an answer', () => {
    const a = makeReport([
      makeCase({ test_id: 'x', status: 'pass', lang: 'en' }),
      makeCase({ test_id: 'x', status: 'fail', lang: 'de' }),
      makeCase({ test_id: 'y', status: 'error', lang: 'en' }),
      makeCase({ test_id: 'z', status: 'pass', lang: 'en', sample: 1 }),
    ]);
    const b = makeReport([
      makeCase({ test_id: 'x', status: 'fail', lang: 'en' }),
      makeCase({ test_id: 'x', status: 'pass', lang: 'de' }),
      makeCase({ test_id: 'y', status: 'pass', lang: 'en' }),
      makeCase({ test_id: 'z', status: 'pass', lang: 'en', sample: 0 }),
    ]);
    const pairs = answeredPairs(reportSides(a, b));
    expect(pairs.map((p) => `${p.ref.key}#${p.sample}`)).toEqual(['demo/x/de#0', 'demo/x/en#0']);
  });
});

describe('the pairwise prompt', () => {
  it('shows the answers by position, never by side, with the language', () => {
    const [m] = pairwiseMessages({ question: 'Q?', first: 'one', second: 'two', lang: 'it' });
    expect(m!.content).toMatch(/<first_answer>\none\n<\/first_answer>[\s\S]*<second_answer>\ntwo\n/);
    expect(m!.content).toMatch(/^You are a strict, fair judge/);
    expect(m!.content).toContain('the language with code "it"');
    expect(m!.content).toContain('"better": "<first, second, or tie>"');
  });

  it('asks in the case language where it has grader phrases, the tags and the reply keys in ASCII', () => {
    const asked = (lang: string | null) =>
      pairwiseMessages({ question: 'Q?', first: 'one', second: 'two', lang })[0]!.content;
    expect(asked('fr')).toMatch(/^Tu es un juge strict et impartial/);
    expect(asked('fr')).toContain('Rédige ta justification en français.');
    expect(asked('pt-BR')).toMatch(/^Você é um juiz rigoroso/);
    expect(asked('zh')).toContain('两个回答都应使用中文书写');
    for (const lang of ['zh', 'ar', 'es', 'fr', 'de', 'ru', 'ja', 'ko', 'hi', 'pt', 'vi']) {
      const text = asked(lang);
      expect(text, lang).not.toContain('You are');
      expect(text, lang).toContain('<first_answer>\none\n</first_answer>');
      expect(text, lang).toMatch(/\{"reason": "<[^>]+>", "better": "<first, second, or tie>"\}$/);
    }
    // No language: English, and no line about one; a tag that names an object key is no language.
    expect(asked(null)).not.toContain('language');
    expect(asked('constructor')).toContain('the language with code "constructor"');
    expect(asked('__proto__')).toMatch(/^You are a strict, fair judge/);
  });

  it('reads the verdict, in a fence or with prose, and refuses an answer with none', () => {
    expect(parsePairwiseAnswer('{"reason":"r","better":"Second"}')).toEqual({
      ok: true,
      better: 'second',
      reason: 'r',
    });
    expect(parsePairwiseAnswer('Sure:\n```json\n{"better": "tie"}\n```')).toMatchObject({ better: 'tie' });
    expect(parsePairwiseAnswer('{"better": "both"}').ok).toBe(false);
    expect(parsePairwiseAnswer('{"better": "constructor"}').ok).toBe(false);
    expect(parsePairwiseAnswer('the first one').ok).toBe(false);
  });
});

describe('the pairwise section in Markdown and the pull-request comment', () => {
  it('shows the verdict and the per-language table when the comparison carries a judgement', () => {
    const cases = [...judged('de', 'b', 8), ...judged('fr', 'a', 2)];
    const a = makeReport([makeCase({ test_id: 't', status: 'pass' })]);
    const c = { ...compareReports(a, a), pairwise: summarisePairwise(cases, 'qwen-max', { a: 'A', b: 'B' }) };
    const md = comparisonMarkdown(c);
    expect(md).toContain('### Pairwise judgement (grader `qwen-max`, both orders)');
    expect(md).toMatch(/\| `de` \*\*significant\*\* \| 8 \| 8 \/ 0 \/ 0 \| 100\.0% \|/);
    expect(md).toContain('A tie: the grader preferred neither answer');
    const run = fakeReport({ cases: 10, langs: ['de', 'fr'], models: ['qwen-max'], seed: 2 });
    const plain = compareReports(run, run);
    const comment = pullRequestComment({
      report: run,
      baseline: run,
      comparison: { ...plain, pairwise: c.pairwise },
    });
    expect(comment).toContain('B vs A (judge qwen-max): 8 wins, 0 ties, 2 losses');
    expect(pullRequestComment({ report: run, baseline: run, comparison: plain })).not.toContain('Pairwise');
  });
});
