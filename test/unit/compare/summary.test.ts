import { describe, expect, it } from 'vitest';
import { parityLine, summarize } from '../../../src/report/summary.js';
import { langCases, makeCase } from './make-case.js';

describe('summarize', () => {
  const cases = [
    makeCase({
      test_id: 'a',
      status: 'pass',
      latency_ms: 100,
      tokens: [10, 5],
      cost_usd: 0.1,
      tags: ['x', 'x'],
    }),
    makeCase({ test_id: 'b', status: 'pass', latency_ms: 200, tokens: [20, 5], cost_usd: 0.2, tags: ['x'] }),
    makeCase({ test_id: 'c', status: 'fail', latency_ms: 300, score: 0.5, model: 'm2', lang: 'zh' }),
    makeCase({ test_id: 'd', status: 'error' }),
    makeCase({ test_id: 'e', status: 'skipped', lang: null }),
    makeCase({ test_id: 'f', status: 'pass', latency_ms: 400, cost_usd: null }),
  ];
  const s = summarize(cases);

  it('counts statuses; errors and skips are not model failures', () => {
    expect(s).toMatchObject({ total: 6, passed: 3, failed: 1, errors: 1, skipped: 1 });
    expect(s.pass_rate).toBe(0.75);
    // Wilson 3/4 (python3): [0.30064, 0.95441]
    expect(s.pass_rate_ci!.low).toBeCloseTo(0.30064, 4);
    expect(s.pass_rate_ci!.high).toBeCloseTo(0.95441, 4);
  });

  it('mean score over judged cases; tokens, cost and latency over answered ones', () => {
    expect(s.mean_score).toBeCloseTo((1 + 1 + 0.5 + 1) / 4, 12);
    expect(s.tokens).toEqual({ prompt: 50, completion: 20, total: 70 });
    expect(s.cost_usd).toBeCloseTo(0.1 + 0.2 + 0.001, 12);
    // latencies 100, 200, 300, 400 → p50 250, p95 385 (type 7)
    expect(s.latency_ms).toEqual({ p50: 250, p95: 385 });
  });

  it('groups by model, language (unknown as "und"), suite and tag', () => {
    expect(Object.keys(s.by_model)).toEqual(['m2', 'qwen-max']);
    expect(s.by_model.m2).toMatchObject({ total: 1, failed: 1, pass_rate: 0 });
    expect(Object.keys(s.by_lang)).toEqual(['en', 'und', 'zh']);
    expect(s.by_lang.und).toMatchObject({ total: 1, skipped: 1, pass_rate: null, pass_rate_ci: null });
    expect(s.by_suite.demo!.total).toBe(6);
    // the duplicated tag counts the case once
    expect(s.by_tag.x).toMatchObject({ total: 2, passed: 2 });
  });

  it('lists the slowest answered cases, slowest first, at most 10', () => {
    expect(s.slowest.map((x) => x.latency_ms)).toEqual([400, 300, 200, 100]);
    const many = Array.from({ length: 25 }, (_, i) =>
      makeCase({ test_id: `t${i}`, status: 'pass', latency_ms: i }),
    );
    const top = summarize(many).slowest;
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual({ id: many[24]!.id, latency_ms: 24 });
    expect(top[9]!.latency_ms).toBe(15);
  });

  it('gives nulls, not NaN, for no cases', () => {
    const empty = summarize([]);
    expect(empty).toMatchObject({ total: 0, pass_rate: null, mean_score: null, parity: [], slowest: [] });
    expect(empty.latency_ms).toEqual({ p50: null, p95: null });
  });

  it('takes any iterable (a generator over a stream)', () => {
    function* gen() {
      yield* cases;
    }
    expect(summarize(gen()).total).toBe(6);
  });
});

describe('language parity', () => {
  // References: Fisher two-sided and Holm by exact fractions in python3.
  it('flags a language significantly below the rest after Holm correction', () => {
    const s = summarize([...langCases('ar', 6, 14), ...langCases('en', 18, 2), ...langCases('zh', 17, 3)]);
    const ar = s.parity.find((r) => r.lang === 'ar')!;
    expect(ar.p_value).toBeCloseTo(1.3189572119487734e-5, 15);
    expect(ar.p_adjusted).toBeCloseTo(3.95687163584632e-5, 14);
    expect(ar.rest_pass_rate).toBeCloseTo(35 / 40, 14);
    expect(ar.below_parity).toBe(true);
    // en: adjusted p 0.034 < 0.05 but it does better than the rest: not a parity problem
    const en = s.parity.find((r) => r.lang === 'en')!;
    expect(en.p_adjusted).toBeCloseTo(0.034084471427828195, 12);
    expect(en.below_parity).toBe(false);
    expect(s.parity.map((r) => r.lang)).toEqual(['ar', 'en', 'zh']);
    expect(parityLine(ar)).toBe('ar: 30% vs 88% elsewhere, p < 0.001 — below parity');
  });

  it('does not flag a raw p of 0.022 that Holm lifts to 0.065', () => {
    const s = summarize([...langCases('ar', 12, 8), ...langCases('en', 18, 2), ...langCases('zh', 17, 3)]);
    const ar = s.parity.find((r) => r.lang === 'ar')!;
    expect(ar.p_value).toBeCloseTo(0.02172185717944019, 12);
    expect(ar.p_adjusted).toBeCloseTo(0.06516557153832056, 12);
    expect(ar.below_parity).toBe(false);
    expect(parityLine(ar)).toBe('ar: 60% vs 88% elsewhere, p = 0.065');
  });

  it('needs at least two languages', () => {
    expect(summarize(langCases('en', 3, 1)).parity).toEqual([]);
  });

  it('handles 100,000 cases quickly', () => {
    const langs = ['en', 'zh', 'ar', 'es', 'fr', 'de', 'ru', 'ja', 'ko', 'hi'];
    const big = Array.from({ length: 100_000 }, (_, i) =>
      makeCase({
        test_id: `t${i}`,
        status: i % 7 === 0 ? 'fail' : 'pass',
        lang: langs[i % 10]!,
        latency_ms: (i * 7919) % 5000,
        tags: ['a', `t${i % 5}`],
      }),
    );
    const t0 = performance.now();
    const s = summarize(big);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(s.total).toBe(100_000);
    expect(s.failed).toBe(Math.ceil(100_000 / 7));
    expect(s.parity).toHaveLength(10);
  });
});
