import { describe, expect, it } from 'vitest';
import { scoreCase, testPasses } from '../../../src/assertions/score.js';
import { fakeGrader, makeCase, response, spec } from './helpers.js';

const baseDir = process.cwd();

describe('scoreCase', () => {
  it('names the tools a tool assertion asserts, for the per-tool pass rates', async () => {
    const c = makeCase([
      spec('tool-call', { name: 'get_weather' }),
      spec('not-tool-call', { name: 'delete_account' }),
      spec('tool-calls', { value: ['get_weather', 'get_time', 'get_weather'] }),
      spec('tool-call-f1', { value: ['get_time'] }),
      spec('contains', { value: 'Paris' }),
    ]);
    const calls = [{ id: 'c1', name: 'get_weather', arguments: '{}' }];
    const out = await scoreCase({ case: c, response: response('Paris', { tool_calls: calls }), baseDir });
    expect(out.assertions.map((a) => a.tools)).toEqual([
      ['get_weather'],
      ['delete_account'],
      ['get_weather', 'get_time'],
      ['get_time'],
      undefined,
    ]);
  });

  it('takes the weighted mean and passes when every assertion passes', async () => {
    const c = makeCase([
      spec('contains', { value: 'Paris' }),
      spec('chrf', { value: 'Paris is the capital.', weight: 3 }),
    ]);
    const out = await scoreCase({ case: c, response: response('Paris is the capital.'), baseDir });
    expect(out.status).toBe('pass');
    expect(out.score).toBeCloseTo(1, 12);
    expect(out.assertions.map((a) => a.weight)).toEqual([1, 3]);
  });

  it('fails when one fails, with the weighted score', async () => {
    // contains fails (0, weight 1); length passes (1, weight 3) → score 3/4.
    const c = makeCase([spec('contains', { value: 'Rome' }), spec('length', { max: 100, weight: 3 })]);
    const out = await scoreCase({ case: c, response: response('Paris'), baseDir });
    expect(out.status).toBe('fail');
    expect(out.score).toBe(0.75);
    expect(out.assertions[0]).toMatchObject({ type: 'contains', pass: false, score: 0 });
  });

  it('passes a failing case when its threshold is met, and not below it', async () => {
    const assertions = [spec('contains', { value: 'Rome' }), spec('length', { max: 100, weight: 3 })];
    const met = await scoreCase({
      case: makeCase(assertions, { threshold: 0.75 }),
      response: response('Paris'),
      baseDir,
    });
    expect(met.status).toBe('pass');
    const notMet = await scoreCase({
      case: makeCase(assertions, { threshold: 0.8 }),
      response: response('Paris'),
      baseDir,
    });
    expect(notMet.status).toBe('fail');
  });

  it('negates not- types and keeps the type as written', async () => {
    const c = makeCase([
      spec('not-contains', { value: 'sorry' }),
      spec('not-icontains', { value: 'AS AN AI' }),
    ]);
    const out = await scoreCase({ case: c, response: response('As an AI, I cannot.'), baseDir });
    expect(out.assertions.map((a) => [a.type, a.pass])).toEqual([
      ['not-contains', true],
      ['not-icontains', false],
    ]);
    expect(out.status).toBe('fail');
  });

  it('treats weight-0 assertions as informational', async () => {
    const c = makeCase([
      spec('contains', { value: 'x' }),
      spec('contains', { value: 'nope', weight: 0, name: 'info' }),
    ]);
    const out = await scoreCase({ case: c, response: response('x'), baseDir });
    expect(out.status).toBe('pass');
    expect(out.score).toBe(1);
    expect(out.assertions[1]).toMatchObject({ name: 'info', pass: false });
  });

  it('makes the case error (not fail) when a grader is missing or answers nonsense', async () => {
    const c = makeCase([spec('contains', { value: 'x' }), spec('llm-rubric', { value: 'is helpful' })]);
    const none = await scoreCase({ case: c, response: response('x'), baseDir });
    expect(none.status).toBe('error');
    expect(none.error).toBe(
      'llm-rubric: llm-rubric: no grader available (this run has no client for qwen-max)',
    );
    expect(none.assertions[1]).toMatchObject({ error: true, pass: false, score: 0 });
    const nonsense = await scoreCase({
      case: c,
      response: response('x'),
      baseDir,
      grade: fakeGrader('sure!'),
    });
    expect(nonsense.status).toBe('error');
  });

  it("uses the case's grader settings", async () => {
    const grade = fakeGrader('{"pass":true,"score":1,"reason":"ok"}');
    const c = makeCase([spec('llm-rubric', { value: 'ok' })], { grader: { model: 'qwen-plus' } });
    const out = await scoreCase({ case: c, response: response('x'), baseDir, grade });
    expect(out.status).toBe('pass');
    expect(grade.calls[0]!.model).toBe('qwen-plus');
  });

  it('never throws for bad options or unknown types: the case errors with the reason', async () => {
    const c = makeCase([spec('regex', { value: '(' }), spec('no-such-type', { value: 1 })]);
    const out = await scoreCase({ case: c, response: response('x'), baseDir });
    expect(out.status).toBe('error');
    expect(out.assertions[0]!.reason).toMatch(/invalid pattern/);
    expect(out.assertions[1]!.reason).toMatch(/unknown assertion type "no-such-type"/);
  });

  it('errors when an operational measurement is missing', async () => {
    const c = makeCase([spec('ttft', { max_ms: 500 })]);
    const out = await scoreCase({ case: c, response: response('x', { ttft_ms: null }), baseDir });
    expect(out.status).toBe('error');
    expect(out.error).toMatch(/streamed calls only/);
  });

  it('scores a case with no assertions as a pass', async () => {
    const out = await scoreCase({ case: makeCase([]), response: response('x'), baseDir });
    expect(out).toEqual({ assertions: [], score: 1, status: 'pass' });
  });
});

describe('testPasses', () => {
  const s = (...statuses: Array<'pass' | 'fail' | 'error' | 'skipped'>) =>
    statuses.map((status) => ({ status }));
  it('compares the share of passing samples with pass_rate', () => {
    expect(testPasses(s('pass', 'pass', 'pass', 'pass', 'fail'), 0.8)).toBe(true);
    expect(testPasses(s('pass', 'pass', 'pass', 'fail', 'fail'), 0.8)).toBe(false);
    expect(testPasses(s('pass', 'pass'), 1)).toBe(true);
    expect(testPasses(s('pass', 'fail'), 1)).toBe(false);
  });

  it('leaves errors and skips out of the denominator; nothing judged does not pass', () => {
    expect(testPasses(s('pass', 'pass', 'pass', 'pass', 'error'), 1)).toBe(true);
    expect(testPasses(s('error', 'error'), 0)).toBe(false);
    expect(testPasses(s('skipped'), 0.5)).toBe(false);
  });
});
