/** chrF statistics. */
export interface ChrfResult {
  /** In [0, 1] (sacreBLEU reports 100×). */
  score: number;
  precision: number;
  recall: number;
}

/** A text's character n-gram counts for n = 1..order, computed once (a reference is reused per case). */
export interface CharNgrams {
  counts: Array<Map<string, number>>;
  totals: number[];
}

/**
 * A text with whitespace removed, the offset where each of its code points starts (plus its
 * length at the end) and how many there are; for BMP-only text the offsets are just 0..length.
 */
function codePoints(text: string): { s: string; offsets: number[]; chars: number } {
  const s = text.replace(/\s+/gu, '');
  const offsets: number[] = [];
  for (let i = 0; i < s.length; i++) {
    offsets.push(i);
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
  }
  offsets.push(s.length);
  return { s, offsets, chars: offsets.length - 1 };
}

/**
 * Character n-gram counts of a text with whitespace removed. N-grams are substrings between
 * code-point offsets, so a character outside the BMP counts as one character, as in Python.
 */
export function charNgrams(text: string, order = 6): CharNgrams {
  const { s, offsets, chars } = codePoints(text);
  const counts: Array<Map<string, number>> = [];
  const totals: number[] = [];
  for (let n = 1; n <= order; n++) {
    const m = new Map<string, number>();
    for (let i = 0; i + n <= chars; i++) {
      const g = s.substring(offsets[i]!, offsets[i + n]!);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    counts.push(m);
    totals.push(Math.max(0, chars - n + 1));
  }
  return { counts, totals };
}

/**
 * chrF as sacreBLEU defines it (its defaults: `char_order=6, word_order=0, beta=2`,
 * whitespace removed, case kept, no eps smoothing): character n-gram precision and recall for
 * n = 1..6, each averaged over the orders both sides are long enough for (effective order), then
 * F_β = (1+β²)·P·R / (β²·P + R). Characters are Unicode code points, as in Python.
 */
export function chrf(hyp: string, ref: string | CharNgrams, beta = 2): ChrfResult {
  const r = typeof ref === 'string' ? charNgrams(ref) : ref;
  const { matches, totals } = matchHypothesis(hyp, r);
  let sumP = 0;
  let sumR = 0;
  let effective = 0;
  for (let n = 0; n < r.counts.length; n++) {
    const nh = totals[n]!;
    const nr = r.totals[n]!;
    if (nh === 0 || nr === 0) continue;
    sumP += matches[n]! / nh;
    sumR += matches[n]! / nr;
    effective++;
  }
  if (effective === 0) return { score: 0, precision: 0, recall: 0 };
  const precision = sumP / effective;
  const recall = sumR / effective;
  if (precision + recall === 0) return { score: 0, precision, recall };
  const b2 = beta * beta;
  return { score: ((1 + b2) * precision * recall) / (b2 * precision + recall), precision, recall };
}

/**
 * Clipped n-gram matches of a hypothesis against prepared reference counts, without building the
 * hypothesis' own tables: each n-gram consumes one reference occurrence while any are left. An
 * n-gram whose (n−1)-prefix is not in the reference cannot be either, so it is never looked up.
 */
function matchHypothesis(hyp: string, r: CharNgrams): { matches: number[]; totals: number[] } {
  const { s, offsets, chars } = codePoints(hyp);
  const alive = new Uint8Array(chars).fill(1);
  const matches: number[] = [];
  const totals: number[] = [];
  for (let n = 1; n <= r.counts.length; n++) {
    const refCounts = r.counts[n - 1]!;
    const used = new Map<string, number>();
    let m = 0;
    for (let i = 0; i + n <= chars; i++) {
      if (!alive[i]) continue;
      const g = s.substring(offsets[i]!, offsets[i + n]!);
      const available = refCounts.get(g);
      if (!available) {
        alive[i] = 0;
        continue;
      }
      const u = used.get(g) ?? 0;
      if (u < available) {
        m++;
        used.set(g, u + 1);
      }
    }
    matches.push(m);
    totals.push(Math.max(0, chars - n + 1));
  }
  return { matches, totals };
}
