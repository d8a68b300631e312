/**
 * Holm's step-down correction for multiple comparisons (Holm 1979): controls the family-wise
 * error rate without assuming independence, and is never less powerful than Bonferroni.
 * Sorted ascending, p₍ᵢ₎ is multiplied by (m − i); adjusted values are made monotone and capped at 1.
 *
 * @param pValues raw p-values, in any order
 * @returns adjusted p-values in the same order as the input
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    // The running maximum keeps a larger raw p from getting a smaller adjusted p.
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
