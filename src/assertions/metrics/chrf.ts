import { clippedMatches, ngramCounts, total } from './ngrams.js';

/** chrF statistics. */
export interface ChrfResult {
  /** In [0, 1] (sacreBLEU reports 100×). */
  score: number;
  precision: number;
  recall: number;
}

/**
 * chrF as sacreBLEU defines it (its defaults: `char_order=6, word_order=0, beta=2`,
 * whitespace removed, case kept, no eps smoothing): character n-gram precision and recall for
 * n = 1..6, each averaged over the orders both sides are long enough for (effective order), then
 * F_β = (1+β²)·P·R / (β²·P + R). Characters are Unicode code points, as in Python.
 */
export function chrf(hyp: string, ref: string, beta = 2, order = 6): ChrfResult {
  const h = Array.from(hyp.replace(/\s+/gu, ''));
  const r = Array.from(ref.replace(/\s+/gu, ''));
  let sumP = 0;
  let sumR = 0;
  let effective = 0;
  for (let n = 1; n <= order; n++) {
    const hc = ngramCounts(h, n);
    const rc = ngramCounts(r, n);
    const nh = total(hc);
    const nr = total(rc);
    if (nh === 0 || nr === 0) continue;
    const m = clippedMatches(hc, rc);
    sumP += m / nh;
    sumR += m / nr;
    effective++;
  }
  if (effective === 0) return { score: 0, precision: 0, recall: 0 };
  const precision = sumP / effective;
  const recall = sumR / effective;
  if (precision + recall === 0) return { score: 0, precision, recall };
  const b2 = beta * beta;
  return { score: ((1 + b2) * precision * recall) / (b2 * precision + recall), precision, recall };
}
