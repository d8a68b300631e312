import { describe, expect, it } from 'vitest';
import { decideExit, failingTests } from '../../../src/run/exit-decision.js';
import { partialComparison } from '../../utils/fake-report.js';
import { caseResult, reportOf } from './helpers.js';

const none = { interrupted: false, stopped: false };

describe('exit verdict', () => {
  it('is 0 when every test passes', () => {
    const r = reportOf([caseResult({ id: 'a' }), caseResult({ id: 'b' })]);
    expect(decideExit(r, {}, none).exitCode).toBe(0);
  });

  it('is 1 on a failing test, naming it with its line', () => {
    const r = reportOf([
      caseResult({ id: 'a' }),
      caseResult({
        id: 'b',
        status: 'fail',
        score: 0,
        line: 12,
        assertions: [{ type: 'contains', pass: false, score: 0, reason: 'expected "x"', weight: 1 }],
      }),
    ]);
    const v = decideExit(r, {}, none);
    expect(v.exitCode).toBe(1);
    expect(v.failing.map((f) => [f.test_id, f.line, f.reasons[0]])).toEqual([
      ['b', 12, 'contains: expected "x"'],
    ]);
  });

  it('is 3 when only errors, 1 when failures and errors', () => {
    const errorOnly = reportOf([
      caseResult({ id: 'a' }),
      caseResult({ id: 'b', status: 'error', score: null }),
    ]);
    expect(decideExit(errorOnly, {}, none).exitCode).toBe(3);
    const both = reportOf([
      caseResult({ id: 'a', status: 'fail', score: 0 }),
      caseResult({ id: 'b', status: 'error', score: null }),
    ]);
    expect(decideExit(both, {}, none).exitCode).toBe(1);
  });

  it('is 130 when interrupted, 3 when stopped', () => {
    const r = reportOf([caseResult({ id: 'a' })]);
    expect(decideExit(r, {}, { interrupted: true, stopped: false }).exitCode).toBe(130);
    expect(decideExit(r, {}, { interrupted: false, stopped: true }).exitCode).toBe(3);
  });

  it('honours --fail-on none and --min-pass-rate', () => {
    const cases = [
      caseResult({ id: 'a' }),
      caseResult({ id: 'b' }),
      caseResult({ id: 'c', status: 'fail', score: 0 }),
    ];
    const r = reportOf(cases);
    expect(decideExit(r, { failOn: 'none' }, none).exitCode).toBe(0);
    expect(decideExit(r, { minPassRate: 0.6 }, none).exitCode).toBe(0);
    expect(decideExit(r, { minPassRate: 0.7 }, none).exitCode).toBe(1);
  });

  it('judges repeated samples against pass_rate', () => {
    const samples = (passes: number, n: number, id: string) =>
      Array.from({ length: n }, (_, i) =>
        caseResult({
          id: `${id}#${i}`,
          test_id: id,
          sample: i,
          pass_rate: 0.8,
          status: i < passes ? 'pass' : 'fail',
        }),
      );
    expect(failingTests([...samples(4, 5, 'ok'), ...samples(3, 5, 'flaky')]).map((f) => f.test_id)).toEqual([
      'flaky',
    ]);
  });

  it('with --fail-on regressions counts the comparison, not the failures', () => {
    const r = reportOf([caseResult({ id: 'a', status: 'fail', score: 0 })]);
    r.comparison = partialComparison({ regressions: [] });
    expect(decideExit(r, { baseline: 'b.json' }, none).exitCode).toBe(0);
    r.comparison = partialComparison({ regressions: [{ test_id: 'a' }] });
    expect(decideExit(r, { baseline: 'b.json' }, none).exitCode).toBe(1);
  });
});
