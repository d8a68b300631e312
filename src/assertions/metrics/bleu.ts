import { clippedMatches, ngramCounts, total } from './ngrams.js';

/** Statistics behind a BLEU score, for reasons and tests. */
export interface BleuResult {
  /** In [0, 1] (sacreBLEU reports 100×). */
  score: number;
  /** Modified n-gram precisions after smoothing, n = 1..4, in [0, 1]. */
  precisions: number[];
  brevityPenalty: number;
  hypLength: number;
  refLength: number;
}

const maxOrder = 4;

/**
 * Sentence-level BLEU as sacreBLEU's `sentence_bleu` computes it: clipped n-gram precisions up to
 * 4, geometric mean, brevity penalty, `exp` smoothing (the k-th zero-match order gets precision
 * 1 / (2^k · total)) and effective order (orders the hypothesis is too short for are left out).
 * Tokenisation is the caller's (qeval uses Intl.Segmenter, so CJK and Thai get real words).
 */
export function sentenceBleu(hyp: readonly string[], ref: readonly string[]): BleuResult {
  const correct: number[] = [];
  const totals: number[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const h = ngramCounts(hyp, n);
    correct.push(clippedMatches(h, ngramCounts(ref, n)));
    totals.push(total(h));
  }
  const hypLength = hyp.length;
  const refLength = ref.length;
  let brevityPenalty = 1;
  if (hypLength < refLength) brevityPenalty = hypLength > 0 ? Math.exp(1 - refLength / hypLength) : 0;
  const precisions = [0, 0, 0, 0];
  // sacreBLEU returns 0 when nothing matches at all, smoothing notwithstanding.
  if (correct.every((c) => c === 0)) return { score: 0, precisions, brevityPenalty, hypLength, refLength };

  let smooth = 1;
  let effectiveOrder = maxOrder;
  for (let n = 0; n < maxOrder; n++) {
    if (totals[n] === 0) break;
    effectiveOrder = n + 1;
    if (correct[n] === 0) {
      smooth *= 2;
      precisions[n] = 1 / (smooth * totals[n]!);
    } else {
      precisions[n] = correct[n]! / totals[n]!;
    }
  }
  let logSum = 0;
  for (let n = 0; n < effectiveOrder; n++) logSum += Math.log(precisions[n]!);
  const score = brevityPenalty * Math.exp(logSum / effectiveOrder);
  return { score, precisions, brevityPenalty, hypLength, refLength };
}
