/**
 * From a finished report to the process exit code of SPEC §4: 0 all passed; 1 failures or
 * regressions (per --fail-on); 3 incomplete (some cases are `error`, or the run stopped);
 * 130 interrupted. Failures outrank errors: a real model failure is the more useful signal.
 */
import { meetsPassRate } from '../assertions/pass-rate.js';
import type { Report } from '../contracts/report.js';
import type { CaseResult, ExitDecision, FailingTest } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import { ExitCode } from '../errors.js';

/** Key of a test across its samples. */
export function testKey(c: Pick<CaseResult, 'suite' | 'test_id' | 'lang' | 'model' | 'variant'>): string {
  return `${c.suite}/${c.test_id}/${c.lang ?? ''}/${c.model}/${c.variant ?? ''}`;
}

/**
 * Tests whose share of passing samples is below their `pass_rate`. Samples in error or skipped
 * are left out of the share (they are not model failures); a test with no scored sample is not
 * counted as failing here (it is an error).
 */
export function failingTests(cases: Iterable<CaseResult>): FailingTest[] {
  const groups = new Map<string, FailingTest>();
  for (const c of cases) {
    if (c.status !== 'pass' && c.status !== 'fail') continue;
    const key = testKey(c);
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        suite: c.suite,
        suite_file: c.suite_file,
        ...(c.data_file !== undefined ? { data_file: c.data_file } : {}),
        test_id: c.test_id,
        lang: c.lang,
        model: c.model,
        variant: c.variant,
        line: c.line,
        col: c.col,
        passed: 0,
        scored: 0,
        pass_rate: c.pass_rate ?? 1,
        reasons: [],
      };
      groups.set(key, g);
    }
    g.scored++;
    if (c.status === 'pass') g.passed++;
    else if (g.reasons.length < 3) {
      for (const a of c.assertions) if (!a.pass) g.reasons.push(`${a.type}: ${a.reason}`);
    }
  }
  return [...groups.values()].filter((g) => !meetsPassRate(g.passed, g.scored, g.pass_rate));
}

/** Regressions listed by a comparison attached to the report, if any. */
export function regressionCount(report: Report): number {
  return report.comparison?.regressions?.length ?? 0;
}

/** Pass-rate drop in percentage points against the baseline, when a comparison gives it. */
function passRateDropPp(report: Report): number | null {
  // Optional all the way down: a report.json read from disk may carry a comparison of another shape.
  const a = report.comparison?.sides?.a?.pass_rate;
  const b = report.comparison?.sides?.b?.pass_rate;
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  return (a - b) * 100;
}

/** Decides the exit code of a run. */
export function decideExit(
  report: Report,
  settings: Pick<Settings, 'failOn' | 'minPassRate' | 'maxDrop' | 'baseline'>,
  state: { interrupted: boolean; stopped: boolean },
): ExitDecision {
  const failOn = settings.failOn ?? (settings.baseline ? 'regressions' : 'failures');
  const failing = failingTests(report.cases);
  const regressions = regressionCount(report);
  const base = { failOn, failing, regressions };
  if (state.interrupted) return { ...base, exitCode: ExitCode.interrupted, reason: 'interrupted' };
  if (failOn === 'none') {
    // A shard of a CI matrix: its report carries the verdict, which the merge decides on.
    const errors = report.summary.errors;
    return {
      ...base,
      exitCode: ExitCode.ok,
      reason: `--fail-on none (${failing.length} failing test(s), ${errors} case(s) in error${state.stopped ? ', run stopped' : ''})`,
    };
  }

  let failed = false;
  let reason = '';
  if (failOn === 'failures') {
    if (settings.minPassRate !== undefined) {
      const rate = report.summary.pass_rate;
      failed = rate !== null && rate < settings.minPassRate;
      reason = `pass rate ${fmtPct(rate)} ${failed ? '<' : '≥'} --min-pass-rate ${fmtPct(settings.minPassRate)}`;
    } else {
      failed = failing.length > 0;
      reason = `${failing.length} failing test${failing.length === 1 ? '' : 's'}`;
    }
  } else if (failOn === 'regressions') {
    const drop = passRateDropPp(report);
    if (settings.maxDrop !== undefined && drop !== null) {
      failed = regressions > 0 && drop > settings.maxDrop;
      reason = `${regressions} regression(s), pass rate drop ${drop.toFixed(1)} pp (tolerated ${settings.maxDrop} pp)`;
    } else {
      failed = regressions > 0;
      reason = `${regressions} regression${regressions === 1 ? '' : 's'}`;
    }
  }
  if (failed) return { ...base, exitCode: ExitCode.failures, reason };
  const errors = report.summary.errors;
  if (state.stopped || errors > 0 || report.run.incomplete) {
    return {
      ...base,
      exitCode: ExitCode.incomplete,
      reason: state.stopped ? 'run stopped' : `${errors} case(s) in error`,
    };
  }
  return { ...base, exitCode: ExitCode.ok, reason: reason || 'all passed' };
}

function fmtPct(x: number | null | undefined): string {
  return x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}
