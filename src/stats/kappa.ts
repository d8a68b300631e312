import { InternalError } from '../errors.js';
import { type BootstrapOptions, bootstrapStatisticCI, type StatisticInterval } from './bootstrap.js';

/**
 * Chance-corrected agreement between raters on nominal labels: Cohen's kappa for two raters
 * (Cohen 1960), Fleiss' kappa for any fixed number of ratings per item (Fleiss 1971), each with
 * a percentile bootstrap interval over the items.
 */

/** A nominal rating: a verdict, a class name, a score bucket. */
export type Label = string | number | boolean;

/** A kappa with its parts and interval. */
export interface KappaEstimate {
  /**
   * (observed − expected) / (1 − expected); null when expected agreement is 1 (every rating in
   * one category), where kappa is undefined.
   */
  kappa: number | null;
  /** Observed agreement: the share of agreeing pairs of ratings. */
  observed: number;
  /** Agreement expected by chance from the category shares. */
  expected: number;
  items: number;
  /** Bootstrap interval over items; null with no items or when no resample defines kappa. */
  interval: StatisticInterval | null;
}

function kappaOf(observed: number, expected: number): number {
  return expected === 1 ? Number.NaN : (observed - expected) / (1 - expected);
}

function estimate(
  observed: number,
  expected: number,
  items: number,
  interval: StatisticInterval | null,
): KappaEstimate {
  const k = kappaOf(observed, expected);
  return { kappa: Number.isFinite(k) ? k : null, observed, expected, items, interval };
}

/** Labels as small integer codes, one code per distinct label. */
function encode(columns: ReadonlyArray<readonly Label[]>): { codes: Int32Array[]; categories: number } {
  const index = new Map<Label, number>();
  const codes = columns.map((labels) =>
    Int32Array.from(labels, (label) => {
      let c = index.get(label);
      if (c === undefined) {
        c = index.size;
        index.set(label, c);
      }
      return c;
    }),
  );
  return { codes, categories: index.size };
}

/**
 * Cohen's kappa of two raters who labelled the same items (`a[i]` and `b[i]` are item i's
 * labels). Expected agreement uses each rater's own label shares.
 */
export function cohenKappa(
  a: readonly Label[],
  b: readonly Label[],
  options: BootstrapOptions = {},
): KappaEstimate {
  if (a.length !== b.length) {
    throw new InternalError(
      `cohenKappa needs the same items from both raters, got ${a.length} and ${b.length}`,
    );
  }
  const n = a.length;
  const {
    codes: [ca, cb],
    categories,
  } = encode([a, b]);
  const shareA = new Float64Array(categories);
  const shareB = new Float64Array(categories);
  const parts = (indices: ArrayLike<number>): [number, number] => {
    shareA.fill(0);
    shareB.fill(0);
    let agree = 0;
    const m = indices.length;
    for (let t = 0; t < m; t++) {
      const i = indices[t]!;
      const x = ca![i]!;
      const y = cb![i]!;
      if (x === y) agree++;
      shareA[x]! += 1;
      shareB[y]! += 1;
    }
    let expected = 0;
    for (let c = 0; c < categories; c++) expected += (shareA[c]! / m) * (shareB[c]! / m);
    return [agree / m, expected];
  };
  if (n === 0) return estimate(Number.NaN, Number.NaN, 0, null);
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const [observed, expected] = parts(all);
  const interval = bootstrapStatisticCI(n, (idx) => kappaOf(...parts(idx)), options);
  return estimate(observed, expected, n, interval);
}

/**
 * Fleiss' kappa from a table of counts: `counts[i][j]` raters put item i in category j, and
 * every item has the same number of ratings m ≥ 2 (the raters need not be the same people).
 */
export function fleissKappaCounts(
  counts: ReadonlyArray<readonly number[]>,
  options: BootstrapOptions = {},
): KappaEstimate {
  const n = counts.length;
  if (n === 0) return estimate(Number.NaN, Number.NaN, 0, null);
  const categories = counts[0]!.length;
  const m = counts[0]!.reduce((s, x) => s + x, 0);
  if (m < 2) throw new InternalError(`fleissKappa needs at least 2 ratings per item, got ${m}`);
  // Per item: its agreement P_i and its counts, so a resample only sums rows.
  const agreement = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = counts[i]!;
    if (row.length !== categories || row.reduce((s, x) => s + x, 0) !== m) {
      throw new InternalError(
        `fleissKappa needs ${m} ratings in ${categories} categories for every item (item ${i})`,
      );
    }
    let squares = 0;
    for (const x of row) squares += x * x;
    agreement[i] = (squares - m) / (m * (m - 1));
  }
  const totals = new Float64Array(categories);
  const parts = (indices: ArrayLike<number>): [number, number] => {
    totals.fill(0);
    let observed = 0;
    const size = indices.length;
    for (let t = 0; t < size; t++) {
      const i = indices[t]!;
      observed += agreement[i]!;
      const row = counts[i]!;
      for (let j = 0; j < categories; j++) totals[j]! += row[j]!;
    }
    let expected = 0;
    for (let j = 0; j < categories; j++) expected += (totals[j]! / (size * m)) ** 2;
    return [observed / size, expected];
  };
  const [observed, expected] = parts(Uint32Array.from({ length: n }, (_, i) => i));
  const interval = bootstrapStatisticCI(n, (idx) => kappaOf(...parts(idx)), options);
  return estimate(observed, expected, n, interval);
}

/**
 * Fleiss' kappa from ratings: `ratings[i]` holds item i's labels, the same number for every
 * item (one per rater).
 */
export function fleissKappa(
  ratings: ReadonlyArray<readonly Label[]>,
  options: BootstrapOptions = {},
): KappaEstimate {
  const { codes, categories } = encode(ratings);
  const counts = codes.map((row) => {
    const c = new Array<number>(categories).fill(0);
    for (const x of row) c[x]! += 1;
    return c;
  });
  return fleissKappaCounts(counts, options);
}
