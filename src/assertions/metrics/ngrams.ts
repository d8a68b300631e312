/** Counts the n-grams of a token sequence; keys join tokens with U+0001 (never in text tokens). */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Size of the multiset intersection of two n-gram counts (clipped matches). */
export function clippedMatches(hyp: Map<string, number>, ref: Map<string, number>): number {
  let m = 0;
  for (const [k, c] of hyp) {
    const r = ref.get(k);
    if (r) m += Math.min(c, r);
  }
  return m;
}

/** Total count of a multiset. */
export function total(counts: Map<string, number>): number {
  let t = 0;
  for (const c of counts.values()) t += c;
  return t;
}
