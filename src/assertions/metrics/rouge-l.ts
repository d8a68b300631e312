/** ROUGE-L statistics. */
export interface RougeLResult {
  /** F1 of LCS precision and recall, in [0, 1]. */
  f: number;
  precision: number;
  recall: number;
  lcs: number;
}

/**
 * ROUGE-L (Lin 2004) at sentence level: the longest common subsequence of tokens gives
 * recall = LCS/|ref| and precision = LCS/|hyp|; the score is their F1 (β = 1), as Google's
 * `rouge-score` reports `rougeL.fmeasure`.
 */
export function rougeL(hyp: readonly string[], ref: readonly string[]): RougeLResult {
  const lcs = lcsLength(hyp, ref);
  if (lcs === 0) return { f: 0, precision: 0, recall: 0, lcs };
  const precision = lcs / hyp.length;
  const recall = lcs / ref.length;
  return { f: (2 * precision * recall) / (precision + recall), precision, recall, lcs };
}

/** Length of the longest common subsequence, O(n·m) time, O(m) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Int32Array(b.length + 1);
  let curr = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      curr[j] = ai === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, curr[j - 1]!);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}
