import { describe, expect, it } from 'vitest';
import { compareReports, compareWithin } from '../../../src/compare/compare.js';
import type { CaseResult } from '../../../src/contracts/result.js';
import { InputError } from '../../../src/errors.js';
import { makeCase, makeReport } from './make-case.js';
import { scenario } from './scenario.js';

describe('compareReports', () => {
  const { a, b } = scenario();
  const c = compareReports(makeReport(a, 'run-a'), makeReport(b, 'run-b'), { seed: 1 });

  it('lists exactly the regressions and fixes', () => {
    expect(c.regressions.map((r) => r.test_id).sort()).toEqual(
      ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'].sort(),
    );
    expect(c.fixes.map((r) => r.test_id).sort()).toEqual(['t40', 't41']);
    expect(c.regressions[0]!.reason).toBe('missing "refund" (contains)');
    expect(c.regressions[0]!.suite_file).toBe('suites/demo.yaml');
  });

  it('McNemar on 10 vs 2 discordant pairs: p = 158/4096', () => {
    expect(c.mcnemar.b).toBe(10);
    expect(c.mcnemar.c).toBe(2);
    expect(c.mcnemar.p).toBeCloseTo(158 / 4096, 14);
  });

  it('pairs across two single-model reports, lists added, removed and errors', () => {
    expect(c.mode).toBe('reports');
    expect(c.pairs).toMatchObject({
      paired: 51,
      judged: 50,
      both_pass: 30,
      both_fail: 8,
      excluded: 1,
      added: 1,
      removed: 1,
    });
    expect(c.added.map((t) => t.test_id)).toEqual(['t60']);
    expect(c.removed.map((t) => t.test_id)).toEqual(['t61']);
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0]).toMatchObject({
      test_id: 't50',
      side: 'b',
      status: 'error',
      message: 'connection reset',
    });
  });

  it('gives pass rates over the judged pairs with Wilson intervals', () => {
    expect(c.sides.a).toMatchObject({ label: 'qwen-max', passed: 40, n: 50, pass_rate: 0.8 });
    expect(c.sides.b).toMatchObject({ label: 'qwen-max-2025-01-25', passed: 32, n: 50, pass_rate: 0.64 });
    // Wilson 40/50 (python3): [0.66963, 0.88756]
    expect(c.sides.a.ci!.low).toBeCloseTo(0.66963, 4);
    expect(c.sides.a.ci!.high).toBeCloseTo(0.88756, 4);
  });

  it('says worse, with the bootstrap interval excluding 0', () => {
    expect(c.pass_rate_delta!.mean).toBeCloseTo(-0.16, 12);
    expect(c.pass_rate_delta!.ci.high).toBeLessThan(0);
    expect(c.pass_rate_delta!.ci.low).toBeLessThan(-0.16);
    expect(c.verdict.direction).toBe('worse');
    expect(c.verdict.significant).toBe(true);
    expect(c.verdict.text).toMatch(
      /^qwen-max-2025-01-25 vs qwen-max: −16\.0 pp pass rate, 95% CI \[−\d+\.\d, −\d+\.\d\], McNemar p = 0\.039 — worse$/,
    );
  });

  it('is reproducible for a seed', () => {
    const again = compareReports(makeReport(a), makeReport(b), { seed: 1 });
    expect(again.pass_rate_delta).toEqual(c.pass_rate_delta);
    expect(again.mean_delta).toEqual(c.mean_delta);
  });

  it('gives score deltas, worst first, and the mean delta', () => {
    expect(c.score_deltas).toHaveLength(50);
    expect(c.score_deltas[0]!.delta).toBe(-1);
    expect(c.score_deltas.at(-1)!.delta).toBe(1);
    expect(c.mean_delta!.mean).toBeCloseTo(-8 / 50, 12);
  });

  it('per-language deltas with Holm across languages', () => {
    expect(c.by_lang.map((g) => g.name)).toEqual(['ar', 'en', 'zh']);
    // t0..t9: en = 0,3,6,9 (4); zh = 1,4,7 (3); ar = 2,5,8 (3). Fixes: t40 (zh), t41 (ar).
    const en = c.by_lang.find((g) => g.name === 'en')!;
    expect(en).toMatchObject({ regressions: 4, fixes: 0 });
    // McNemar 4 vs 0: 2/16 = 0.125; ar 3 vs 1: 2·5/16 = 0.625; zh 3 vs 1: 0.625
    expect(en.p).toBeCloseTo(0.125, 14);
    // Holm: 0.125·3 = 0.375; 0.625·2 = 1.25 → 1
    expect(en.p_adjusted).toBeCloseTo(0.375, 14);
    expect(c.by_lang.find((g) => g.name === 'ar')!.p_adjusted).toBe(1);
    expect(c.by_tag.map((g) => g.name)).toEqual(['even', 'odd']);
    expect(c.by_tag.find((g) => g.name === 'even')).toMatchObject({ n: 25, regressions: 5, fixes: 1 });
  });

  it('warns that 50 tests cannot detect a 5-point change, and about the left-out test', () => {
    expect(
      c.warnings.some((w) => w.startsWith('only 50 paired tests: too few to detect a 5-point change')),
    ).toBe(true);
    expect(c.warnings.some((w) => w.includes('1 paired test was left out'))).toBe(true);
  });

  it('has no pass@k without repeat', () => {
    expect(c.pass_at_k).toBeNull();
    expect(c.flaky).toEqual([]);
  });
});

describe('no significant difference', () => {
  it('5 regressions and 5 fixes: p = 1', () => {
    const a: CaseResult[] = [];
    const b: CaseResult[] = [];
    for (let i = 0; i < 400; i++) {
      a.push(makeCase({ test_id: `t${i}`, status: i < 5 ? 'fail' : 'pass' }));
      b.push(makeCase({ test_id: `t${i}`, status: i >= 5 && i < 10 ? 'fail' : 'pass' }));
    }
    const c = compareReports(makeReport(a), makeReport(b));
    expect(c.mcnemar.p).toBe(1);
    expect(c.verdict).toMatchObject({ direction: 'no-difference', significant: false });
    expect(c.verdict.text).toMatch(
      /^B vs A: 0\.0 pp pass rate, 95% CI \[−\d\.\d, \+\d\.\d\], McNemar p = 1 — no significant difference$/,
    );
    // 400 tests with 10/400 = 2.5% discordance (planning 10%): MDE below 5 points, no warning
    expect(c.warnings.filter((w) => w.includes('too few'))).toEqual([]);
  });

  it('says so when nothing is judged on both sides', () => {
    const c = compareReports(
      makeReport([makeCase({ test_id: 'x', status: 'error' })]),
      makeReport([makeCase({ test_id: 'x', status: 'pass' })]),
    );
    expect(c.verdict.text).toBe('B vs A: no test was judged on both sides — nothing to compare');
    expect(c.pass_rate_delta).toBeNull();
  });
});

describe('compareWithin', () => {
  const { a, b } = scenario();
  const report = makeReport([...a, ...b]);

  it('pairs two models of one report like two reports', () => {
    const c = compareWithin(report, 'qwen-max', 'qwen-max-2025-01-25');
    expect(c.mode).toBe('models');
    expect(c.regressions).toHaveLength(10);
    expect(c.fixes).toHaveLength(2);
    expect(c.mcnemar.p).toBeCloseTo(158 / 4096, 14);
    expect(c.sides.a.label).toBe('qwen-max');
  });

  it('leaves a test run on one model only out of scope, not "removed" or "new", and says how many were compared', () => {
    for (const c of [
      compareWithin(report, 'qwen-max', 'qwen-max-2025-01-25'),
      compareReports(report, report, { models: { a: 'qwen-max', b: 'qwen-max-2025-01-25' } }),
    ]) {
      expect(c.pairs).toMatchObject({ paired: 51, added: 0, removed: 0, out_of_scope: 2 });
      expect(c.added).toEqual([]);
      expect(c.removed).toEqual([]);
      expect(c.warnings).toContain(
        '51 test(s) ran on both qwen-max and qwen-max-2025-01-25 and are compared; 2 ran on one of them only and are out of scope',
      );
    }
  });

  it('pairs two prompt variants', () => {
    const cases = [
      makeCase({ test_id: 'g', variant: 'v1', status: 'pass' }),
      makeCase({ test_id: 'g', variant: 'v2', status: 'fail' }),
      makeCase({ test_id: 'h', variant: 'v1', status: 'fail' }),
      makeCase({ test_id: 'h', variant: 'v2', status: 'fail' }),
    ];
    const c = compareWithin(makeReport(cases), 'v1', 'v2');
    expect(c.mode).toBe('variants');
    expect(c.regressions.map((r) => r.test_id)).toEqual(['g']);
    expect(c.pairs.both_fail).toBe(1);
  });

  it('rejects a name that is neither a model nor a variant', () => {
    expect(() => compareWithin(report, 'qwen-max', 'gpt-x')).toThrow(InputError);
    expect(() => compareWithin(report, 'qwen-max', 'gpt-x')).toThrow(
      /"gpt-x" is not a model or a prompt variant/,
    );
    expect(() => compareWithin(report, 'qwen-max', 'qwen-max')).toThrow(InputError);
  });

  it('filters one model of each multi-model report with models.a/b', () => {
    const c = compareReports(report, report, { models: { a: 'qwen-max', b: 'qwen-max-2025-01-25' } });
    expect(c.regressions).toHaveLength(10);
    expect(() => compareReports(report, report, { models: { a: 'nope' } })).toThrow(
      /--a nope: no case of that model/,
    );
  });
});

describe('with repeat', () => {
  it('regressions per test, flaky tests, pass@k and pass^k', () => {
    const a: CaseResult[] = [];
    const b: CaseResult[] = [];
    for (let s = 0; s < 4; s++) {
      a.push(makeCase({ test_id: 'r1', sample: s, status: 'pass' }));
      b.push(makeCase({ test_id: 'r1', sample: s, status: s < 2 ? 'pass' : 'fail' }));
      a.push(makeCase({ test_id: 'r2', sample: s, status: 'pass' }));
      b.push(makeCase({ test_id: 'r2', sample: s, status: 'pass' }));
      // needs 3 of 4 (pass_rate 0.75): A 3/4 passes, B 3/4 passes
      a.push(makeCase({ test_id: 'r3', sample: s, pass_rate: 0.75, status: s < 3 ? 'pass' : 'fail' }));
      b.push(makeCase({ test_id: 'r3', sample: s, pass_rate: 0.75, status: s > 0 ? 'pass' : 'fail' }));
    }
    const c = compareReports(makeReport(a), makeReport(b));
    expect(c.regressions.map((r) => r.test_id)).toEqual(['r1']);
    expect(c.regressions[0]!.b).toMatchObject({ passed: 2, judged: 4, samples: 4, pass: false });
    expect(c.pairs.judged).toBe(3);
    expect(c.flaky.map((f) => f.test_id)).toEqual(['r1', 'r3']);
    expect(c.flaky[0]).toMatchObject({ a: { passed: 4, judged: 4 }, b: { passed: 2, judged: 4 } });
    expect(c.pass_at_k!.map((r) => r.k)).toEqual([1, 2, 4]);
    const k2 = c.pass_at_k!.find((r) => r.k === 2)!;
    // B: r1 n=4 c=2 → pass@2 = 1 − C(2,2)/C(4,2) = 5/6, pass^2 = 1/6; r2 → 1, 1; r3 n=4 c=3 → 1, C(3,2)/C(4,2) = 1/2
    expect(k2.b_pass_at_k).toBeCloseTo((5 / 6 + 1 + 1) / 3, 14);
    expect(k2.b_pass_hat_k).toBeCloseTo((1 / 6 + 1 + 1 / 2) / 3, 14);
    // A: r1, r2 all pass; r3 c=3 → pass^2 = 1/2
    expect(k2.a_pass_hat_k).toBeCloseTo((1 + 1 + 1 / 2) / 3, 14);
    expect(c.pass_at_k!.find((r) => r.k === 1)!.b_pass_at_k).toBeCloseTo((2 / 4 + 1 + 3 / 4) / 3, 14);
  });
});

describe('scale', () => {
  it('compares 50,000 tests per side in a few seconds (normal interval past the bootstrap budget)', () => {
    const a: CaseResult[] = [];
    const b: CaseResult[] = [];
    for (let i = 0; i < 50_000; i++) {
      a.push(
        makeCase({ test_id: `t${i}`, lang: i % 2 ? 'en' : 'zh', status: i % 10 === 0 ? 'fail' : 'pass' }),
      );
      b.push(
        makeCase({ test_id: `t${i}`, lang: i % 2 ? 'en' : 'zh', status: i % 10 === 1 ? 'fail' : 'pass' }),
      );
    }
    const t0 = performance.now();
    const c = compareReports(makeReport(a), makeReport(b));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(c.pairs.judged).toBe(50_000);
    expect(c.pass_rate_delta!.method).toBe('normal');
    // 5,000 regressions vs 5,000 fixes: no difference
    expect(c.verdict.direction).toBe('no-difference');
  });
});

describe('ids in NFC', () => {
  it('pairs a baseline written with an NFD id with the same test in NFC', () => {
    const nfd = 'cafe\u0301';
    const nfc = 'caf\u00e9';
    const c = compareReports(
      makeReport([makeCase({ test_id: nfd, status: 'pass' })], 'run-a'),
      makeReport([makeCase({ test_id: nfc, status: 'fail' })], 'run-b'),
      { seed: 1 },
    );
    expect(c.added).toEqual([]);
    expect(c.removed).toEqual([]);
    expect(c.regressions.map((r) => r.test_id)).toEqual([nfc]);
  });
});
