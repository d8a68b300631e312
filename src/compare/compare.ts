/**
 * Comparing two runs, or two models or prompt variants of one run (SPEC §7). Pure: takes
 * reports, returns a {@link Comparison}; the CLI and the runner write and print it.
 */

import {
  type ChangedTest,
  COMPARISON_VERSION,
  type Comparison,
  type ComparisonSide,
  type ErroredCase,
  type FlakyTest,
  type MeanDelta,
  type OneSidedTest,
  type ScoreDelta,
  type TestOutcome,
  type TestRef,
} from '../contracts/comparison.js';
import type { Report } from '../contracts/report.js';
import type { CaseResult } from '../contracts/result.js';
import { InputError } from '../errors.js';
import { pairedBootstrapCI } from '../stats/bootstrap.js';
import { mcnemarExact } from '../stats/mcnemar.js';
import { wilsonInterval } from '../stats/wilson.js';
import { drawConclusion, sizeWarning } from './conclusion.js';
import { GroupDeltas } from './groups.js';
import { passAtKRows } from './repeat.js';
import { failureReason, type KeyDims, outcomeOf, type TestUnit, unitsOf } from './units.js';

/** Options of a comparison. */
export interface CompareOptions {
  /** Seed of the bootstrap (default 1), so the same reports always give the same intervals. */
  seed?: number;
  /** Bootstrap resamples (default 10,000). */
  resamples?: number;
  /** Tolerated pass-rate drop in percentage points (`--max-drop`), recorded for the gate. */
  maxDropPp?: number;
  /** Names of the sides in the verdict (default: the models when each side has a different single one, else "A"/"B"). */
  labels?: { a?: string; b?: string };
  /** Where each side came from (file paths), shown in the reports. */
  sources?: { a?: string; b?: string };
  /** Only this model's cases of each report. */
  models?: { a?: string; b?: string };
}

/** One side before pairing. */
export interface SideInput {
  label: string;
  source: string | null;
  cases: CaseResult[];
  incomplete: boolean;
}

function modelsOf(cases: readonly CaseResult[]): string[] {
  return [...new Set(cases.map((c) => c.model))].sort();
}

function variantsOf(cases: readonly CaseResult[]): string[] {
  return [...new Set(cases.map((c) => c.variant).filter((v): v is string => v !== null))].sort();
}

function onlyModel(report: Report, model: string | undefined, side: string): CaseResult[] {
  if (model === undefined) return report.cases;
  const cases = report.cases.filter((c) => c.model === model);
  if (cases.length === 0) {
    throw new InputError(
      `--${side} ${model}: no case of that model in report ${side.toUpperCase()} (models: ${modelsOf(report.cases).join(', ') || 'none'})`,
      'E_USAGE',
    );
  }
  return cases;
}

/**
 * What a comparison pairs: the two sides, what is compared (reports, models, variants), which
 * case fields pair tests, and whether a one-sided test is out of scope rather than new or removed.
 */
export interface ComparisonSides {
  a: SideInput;
  b: SideInput;
  mode: Comparison['mode'];
  dims: KeyDims;
  oneSidedOutOfScope: boolean;
}

/**
 * The sides of report B against report A (the baseline). Tests pair by (suite, test id, lang,
 * variant) — and model, unless each report ran a single model, in which case those two models
 * are what is compared.
 */
export function reportSides(a: Report, b: Report, options: CompareOptions = {}): ComparisonSides {
  const casesA = onlyModel(a, options.models?.a, 'a');
  const casesB = onlyModel(b, options.models?.b, 'b');
  const modelsA = modelsOf(casesA);
  const modelsB = modelsOf(casesB);
  const singleModels = modelsA.length === 1 && modelsB.length === 1;
  const distinct = singleModels && modelsA[0] !== modelsB[0];
  return {
    a: {
      label: options.labels?.a ?? (distinct ? modelsA[0]! : 'A'),
      source: options.sources?.a ?? a.run.id,
      cases: casesA,
      incomplete: a.run.incomplete,
    },
    b: {
      label: options.labels?.b ?? (distinct ? modelsB[0]! : 'B'),
      source: options.sources?.b ?? b.run.id,
      cases: casesB,
      incomplete: b.run.incomplete,
    },
    mode: 'reports',
    dims: { model: !singleModels, variant: true },
    // Two models picked out of the reports: a test run on one of them only was never asked of
    // the other, so it is out of scope rather than new or removed.
    oneSidedOutOfScope: options.models?.a !== undefined || options.models?.b !== undefined,
  };
}

/** Compares report B against report A (the baseline); see {@link reportSides} for the pairing. */
export function compareReports(a: Report, b: Report, options: CompareOptions = {}): Comparison {
  return compareSides(reportSides(a, b, options), options);
}

/**
 * The sides of two models, or two prompt variants, inside one report: `a` and `b` name them
 * (both models, or both variants). Tests pair by (suite, test id, lang) and the other dimension.
 *
 * @throws InputError when `a` or `b` is neither a model nor a variant of the report
 */
export function withinSides(
  report: Report,
  a: string,
  b: string,
  options: CompareOptions = {},
): ComparisonSides {
  if (a === b)
    throw new InputError(`--a and --b are both "${a}": name two different models or variants`, 'E_USAGE');
  const models = modelsOf(report.cases);
  const variants = variantsOf(report.cases);
  let field: 'model' | 'variant';
  if (models.includes(a) && models.includes(b)) field = 'model';
  else if (variants.includes(a) && variants.includes(b)) field = 'variant';
  else {
    const missing = [a, b].filter((x) => !models.includes(x) && !variants.includes(x));
    const which = missing.length > 0 ? `"${missing.join('", "')}" is not` : `"${a}" and "${b}" are not both`;
    throw new InputError(
      `${which} a model or a prompt variant of this report (models: ${models.join(', ') || 'none'}; variants: ${variants.join(', ') || 'none'})`,
      'E_USAGE',
    );
  }
  const side = (name: string, label: string | undefined): SideInput => ({
    label: label ?? name,
    source: options.sources?.a ?? report.run.id,
    cases: report.cases.filter((c) => c[field] === name),
    incomplete: report.run.incomplete,
  });
  return {
    a: side(a, options.labels?.a),
    b: side(b, options.labels?.b),
    mode: field === 'model' ? 'models' : 'variants',
    dims: { model: field !== 'model', variant: field !== 'variant' },
    // One run: a test on one model (or variant) only was never planned for the other.
    oneSidedOutOfScope: true,
  };
}

/** Compares two models, or two prompt variants, inside one report; see {@link withinSides}. */
export function compareWithin(
  report: Report,
  a: string,
  b: string,
  options: CompareOptions = {},
): Comparison {
  return compareSides(withinSides(report, a, b, options), options);
}

/** One paired case (same test, lang, sample) with an answer on both sides: what a pairwise judge reads. */
export interface AnsweredPair {
  ref: TestRef;
  sample: number;
  a: CaseResult;
  b: CaseResult;
}

/** The paired cases of the sides where both have an answer, in key and sample order. */
export function answeredPairs(sides: ComparisonSides): AnsweredPair[] {
  const unitsA = unitsOf(sides.a.cases, sides.dims).units;
  const unitsB = unitsOf(sides.b.cases, sides.dims).units;
  const pairs: AnsweredPair[] = [];
  for (const [mapKey, unitA] of unitsA) {
    const unitB = unitsB.get(mapKey);
    if (!unitB) continue;
    for (const [sample, a] of unitA.samples) {
      const b = unitB.samples.get(sample);
      if (b && answered(a) && answered(b)) pairs.push({ ref: unitB.ref, sample, a, b });
    }
  }
  return pairs.sort((x, y) => byKey(x.ref, y.ref) || x.sample - y.sample);
}

function answered(c: CaseResult): boolean {
  return c.status !== 'skipped' && typeof c.response?.output === 'string' && c.response.output !== '';
}

function byKey<T extends { key: string }>(x: T, y: T): number {
  return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
}

function meanDelta(deltas: number[], options: CompareOptions): MeanDelta | null {
  const seed = options.seed ?? 1;
  const ci = pairedBootstrapCI(deltas, {
    seed,
    ...(options.resamples ? { resamples: options.resamples } : {}),
  });
  if (!ci) return null;
  return {
    mean: ci.mean,
    ci: { low: ci.low, high: ci.high },
    level: ci.level,
    method: ci.method,
    resamples: ci.resamples,
    seed,
  };
}

function erroredCases(unit: TestUnit, side: 'a' | 'b'): ErroredCase[] {
  const out: ErroredCase[] = [];
  for (const c of unit.samples.values()) {
    if (c.status !== 'error' && c.status !== 'skipped') continue;
    out.push({
      ...unit.ref,
      side,
      case_id: c.id,
      sample: c.sample,
      status: c.status,
      message: c.error?.message ?? (c.status === 'skipped' ? 'skipped' : 'error'),
    });
  }
  return out;
}

function isFlaky(o: TestOutcome): boolean {
  return o.passed > 0 && o.passed < o.judged;
}

function sideSummary(input: SideInput, outcomes: TestOutcome[]): ComparisonSide {
  const passed = outcomes.filter((o) => o.pass).length;
  const n = outcomes.length;
  const scores = outcomes.map((o) => o.score).filter((s): s is number => s !== null);
  return {
    label: input.label,
    source: input.source,
    models: modelsOf(input.cases),
    passed,
    n,
    pass_rate: n > 0 ? passed / n : null,
    ci: wilsonInterval(passed, n),
    mean_score: scores.length > 0 ? scores.reduce((s, x) => s + x, 0) / scores.length : null,
  };
}

/** Pairs the two sides' tests and computes every statistic of the comparison. */
export function compareSides(input: ComparisonSides, options: CompareOptions = {}): Comparison {
  const { a, b, mode, dims, oneSidedOutOfScope } = input;
  const sideA = unitsOf(a.cases, dims);
  const sideB = unitsOf(b.cases, dims);
  const regressions: ChangedTest[] = [];
  const fixes: ChangedTest[] = [];
  const removed: OneSidedTest[] = [];
  const added: OneSidedTest[] = [];
  const errors: ErroredCase[] = [];
  const flaky: FlakyTest[] = [];
  const scoreDeltas: ScoreDelta[] = [];
  const passDeltas: number[] = [];
  const judgedA: TestOutcome[] = [];
  const judgedB: TestOutcome[] = [];
  const repeated: Array<{ a: TestOutcome; b: TestOutcome }> = [];
  const byLang = new GroupDeltas();
  const byTag = new GroupDeltas();
  let paired = 0;
  let bothPass = 0;
  let bothFail = 0;
  let excluded = 0;
  let outOfScope = 0;

  for (const [mapKey, unitA] of sideA.units) {
    const oa = outcomeOf(unitA);
    const unitB = sideB.units.get(mapKey);
    if (!unitB) {
      if (oneSidedOutOfScope) outOfScope++;
      else removed.push({ ...unitA.ref, outcome: oa });
      continue;
    }
    paired++;
    const ob = outcomeOf(unitB);
    errors.push(...erroredCases(unitA, 'a'), ...erroredCases(unitB, 'b'));
    const ref = { ...unitB.ref, tags: [...new Set([...unitA.ref.tags, ...unitB.ref.tags])] };
    if (isFlaky(oa) || isFlaky(ob)) {
      flaky.push({
        ...ref,
        a: oa.judged > 0 ? { passed: oa.passed, judged: oa.judged } : null,
        b: ob.judged > 0 ? { passed: ob.passed, judged: ob.judged } : null,
      });
    }
    if (oa.pass === null || ob.pass === null) {
      excluded++;
      continue;
    }
    judgedA.push(oa);
    judgedB.push(ob);
    if (oa.judged > 1 || ob.judged > 1) repeated.push({ a: oa, b: ob });
    if (oa.pass && ob.pass) bothPass++;
    else if (!oa.pass && !ob.pass) bothFail++;
    else if (oa.pass) regressions.push({ ...ref, a: oa, b: ob, reason: failureReason(unitB) });
    else fixes.push({ ...ref, a: oa, b: ob, reason: failureReason(unitA) });
    passDeltas.push(Number(ob.pass) - Number(oa.pass));
    const sd = oa.score !== null && ob.score !== null ? ob.score - oa.score : null;
    if (sd !== null) scoreDeltas.push({ key: ref.key, a: oa.score!, b: ob.score!, delta: sd });
    const pair = { aPass: oa.pass, bPass: ob.pass, scoreDelta: sd };
    if (ref.lang !== null) byLang.add(ref.lang, pair);
    for (const tag of ref.tags) byTag.add(tag, pair);
  }
  for (const [mapKey, unitB] of sideB.units) {
    if (sideA.units.has(mapKey)) continue;
    if (oneSidedOutOfScope) outOfScope++;
    else added.push({ ...unitB.ref, outcome: outcomeOf(unitB) });
  }

  // Worst first: the largest score drop leads, then by key for a stable order.
  const drop = (t: ChangedTest) => (t.b.score ?? 0) - (t.a.score ?? 0);
  regressions.sort((x, y) => drop(x) - drop(y) || byKey(x, y));
  fixes.sort((x, y) => drop(y) - drop(x) || byKey(x, y));
  added.sort(byKey);
  removed.sort(byKey);
  flaky.sort(byKey);
  errors.sort((x, y) => byKey(x, y) || x.side.localeCompare(y.side) || x.sample - y.sample);
  scoreDeltas.sort((x, y) => x.delta - y.delta || byKey(x, y));

  const judged = judgedA.length;
  const mcnemar = mcnemarExact(regressions.length, fixes.length);
  const passRateDelta = meanDelta(passDeltas, options);
  const scoreDelta = meanDelta(
    scoreDeltas.map((d) => d.delta),
    options,
  );
  const sides = { a: sideSummary(a, judgedA), b: sideSummary(b, judgedB) };

  const warnings: string[] = [];
  const small = sizeWarning(judged, regressions.length + fixes.length);
  if (small) warnings.push(small);
  if (excluded > 0) {
    warnings.push(
      `${excluded} paired test${excluded === 1 ? ' was' : 's were'} left out: no judged sample on one side (see errors)`,
    );
  }
  for (const [name, side, units] of [
    ['A', a, sideA],
    ['B', b, sideB],
  ] as const) {
    if (side.incomplete) warnings.push(`${name} (${side.source ?? side.label}) is an incomplete run`);
    if (units.duplicates > 0) {
      warnings.push(
        `${name} has ${units.duplicates} duplicated case(s) (same test and sample); the last one counts`,
      );
    }
  }
  if (outOfScope > 0) {
    warnings.push(
      `${paired} test(s) ran on both ${a.label} and ${b.label} and are compared; ${outOfScope} ran on one of them only and are out of scope`,
    );
  }
  if (paired === 0 && sideA.units.size > 0 && sideB.units.size > 0) {
    warnings.push(
      'no test appears on both sides; are these runs of the same suites? (to compare two models of one report, give one report and --a/--b)',
    );
  }

  return {
    version: COMPARISON_VERSION,
    created_at: new Date().toISOString(),
    mode,
    sides,
    pairs: {
      paired,
      judged,
      both_pass: bothPass,
      both_fail: bothFail,
      regressions: regressions.length,
      fixes: fixes.length,
      excluded,
      added: added.length,
      removed: removed.length,
      out_of_scope: outOfScope,
    },
    regressions,
    fixes,
    added,
    removed,
    errors,
    score_deltas: scoreDeltas,
    mean_delta: scoreDelta,
    pass_rate_delta: passRateDelta,
    mcnemar: { b: mcnemar.b, c: mcnemar.c, p: mcnemar.p },
    by_lang: byLang.finish(),
    by_tag: byTag.finish(),
    flaky,
    pass_at_k: repeated.length > 0 ? passAtKRows(repeated) : null,
    verdict: drawConclusion({ labelA: a.label, labelB: b.label, n: judged, passRateDelta, mcnemar }),
    max_drop_pp: options.maxDropPp ?? null,
    warnings,
  };
}
