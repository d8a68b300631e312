/**
 * Groups each side's cases into tests (the paired unit) and says how each test did.
 */
import { meetsPassRate } from '../assertions/pass-rate.js';
import type { TestOutcome, TestRef } from '../contracts/comparison.js';
import type { CaseResult } from '../contracts/result.js';

/** Which case fields besides (suite, test id, lang) identify a test for the pairing. */
export interface KeyDims {
  /** Include the model: not when the two models are what is compared. */
  model: boolean;
  /** Include the prompt variant: not when the two variants are what is compared. */
  variant: boolean;
}

/** One test on one side: its identity and its cases by sample. */
export interface TestUnit {
  ref: TestRef;
  samples: Map<number, CaseResult>;
}

/** A side's tests by pairing key, and how many cases repeated a (test, sample) already seen. */
export interface SideUnits {
  units: Map<string, TestUnit>;
  duplicates: number;
}

function refOf(c: CaseResult, dims: KeyDims, testId: string): TestRef {
  const model = dims.model ? c.model : null;
  const variant = dims.variant ? c.variant : null;
  const key = `${c.suite}/${testId}${c.lang ? `/${c.lang}` : ''}${variant ? `/${variant}` : ''}${model ? `@${model}` : ''}`;
  return {
    key,
    suite: c.suite,
    test_id: testId,
    test_name: c.test_name ?? null,
    lang: c.lang,
    variant,
    model,
    tags: c.tags,
    suite_file: c.suite_file,
    ...(c.data_file !== undefined ? { data_file: c.data_file } : {}),
    line: c.line,
  };
}

/** Groups cases into tests by (suite, test id, lang[, variant][, model]). */
export function unitsOf(cases: Iterable<CaseResult>, dims: KeyDims): SideUnits {
  const units = new Map<string, TestUnit>();
  let duplicates = 0;
  for (const c of cases) {
    // Reports written before ids were NFC may hold another spelling of the same id.
    const testId = c.test_id.normalize('NFC');
    // NUL never appears in an id, so the joined key cannot collide the way "a/b" + "c" and "a" + "b/c" would.
    const mapKey = [
      c.suite,
      testId,
      c.lang ?? '',
      dims.variant ? (c.variant ?? '') : '',
      dims.model ? c.model : '',
    ].join('\u0000');
    let unit = units.get(mapKey);
    if (!unit) {
      unit = { ref: refOf(c, dims, testId), samples: new Map() };
      units.set(mapKey, unit);
    }
    if (unit.samples.has(c.sample)) duplicates++;
    // The last one wins, as when a resumed run appended a retried case.
    unit.samples.set(c.sample, c);
  }
  return { units, duplicates };
}

/** How a test did on one side: passes when its share of passing judged samples reaches `pass_rate`. */
export function outcomeOf(unit: TestUnit): TestOutcome {
  let passed = 0;
  let judged = 0;
  let scoreSum = 0;
  let scored = 0;
  let required = 1;
  const ids: string[] = [];
  for (const c of unit.samples.values()) {
    ids.push(c.id);
    if (typeof c.pass_rate === 'number') required = c.pass_rate;
    if (c.status !== 'pass' && c.status !== 'fail') continue;
    judged++;
    if (c.status === 'pass') passed++;
    if (typeof c.score === 'number') {
      scoreSum += c.score;
      scored++;
    }
  }
  return {
    pass: judged > 0 ? meetsPassRate(passed, judged, required) : null,
    passed,
    judged,
    samples: unit.samples.size,
    score: scored > 0 ? scoreSum / scored : null,
    case_ids: ids,
  };
}

/** The first reasons a side failed a test, for the regression and fix lists. */
export function failureReason(unit: TestUnit): string {
  const reasons: string[] = [];
  for (const c of unit.samples.values()) {
    if (c.status !== 'fail') continue;
    for (const a of c.assertions) {
      // The reason leads so that dir="auto" follows its language (Arabic reads right to left).
      if (!a.pass && reasons.length < 2) reasons.push(`${a.reason} (${a.name ?? a.type})`);
    }
    if (reasons.length === 0 && typeof c.score === 'number') {
      reasons.push(`score ${c.score.toFixed(2)} below threshold ${c.threshold ?? 1}`);
    }
    if (reasons.length >= 2) break;
  }
  return reasons.join('; ');
}
