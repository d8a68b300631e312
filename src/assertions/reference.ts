import { foldCase } from '../lang/case-fold.js';
import { graphemes, tokenize } from '../lang/segment.js';
import { sentenceBleu } from './metrics/bleu.js';
import { charNgrams, chrf } from './metrics/chrf.js';
import { levenshtein as editDistance } from './metrics/levenshtein.js';
import { rougeL as rougeLScore } from './metrics/rouge-l.js';
import { optionalNumber, requireString, thresholdOf } from './options.js';
import { fmt, scored } from './outcome.js';
import type { AssertionFactory } from './types.js';

/**
 * The reference family: the output against a reference text in `value`. Scored types pass at
 * `threshold` (default 0.5). Tokens come from Intl.Segmenter in the case's language, so Chinese,
 * Japanese and Thai are compared word by word rather than as one giant token.
 */

const defaultThreshold = 0.5;

/**
 * `levenshtein`: edit distance over graphemes; score = 1 − d / max(len). With `max` it passes when
 * d ≤ max (and the score reaches `threshold` if one is given); without `max`, at `threshold`.
 */
export const levenshtein: AssertionFactory = (options) => {
  const ref = graphemes(requireString(options).normalize('NFC'));
  const max = optionalNumber(options, 'max');
  const threshold = optionalNumber(options, 'threshold');
  return (output) => {
    const hyp = graphemes(output.normalize('NFC'));
    const d = editDistance(hyp, ref);
    const longest = Math.max(hyp.length, ref.length);
    const score = longest === 0 ? 1 : 1 - d / longest;
    if (max === undefined)
      return scored(score, threshold ?? defaultThreshold, `edit distance ${d}, similarity`);
    const pass = d <= max && (threshold === undefined || score >= threshold);
    const why = d > max ? `edit distance ${d} > max ${max}` : `edit distance ${d} ≤ max ${max}`;
    const th =
      threshold !== undefined && score < threshold
        ? `; similarity ${fmt(score)} < threshold ${threshold}`
        : '';
    return { pass, score, reason: why + th };
  };
};

/** `bleu`: sentence BLEU (sacreBLEU's smoothing and effective order), case-sensitive like sacreBLEU. */
export const bleu: AssertionFactory = (options) => {
  const refText = requireString(options).normalize('NFC');
  const threshold = thresholdOf(options, defaultThreshold);
  const refTokens = new Map<string, string[]>();
  return (output, ctx) => {
    const key = ctx.case.lang ?? '';
    let ref = refTokens.get(key);
    if (!ref) {
      ref = tokenize(refText, ctx.case.lang);
      refTokens.set(key, ref);
    }
    const r = sentenceBleu(tokenize(output.normalize('NFC'), ctx.case.lang), ref);
    return scored(r.score, threshold, 'BLEU');
  };
};

/** `rouge-l`: LCS F1 over tokens, case folded by the case's language (as rouge-score lower-cases). */
export const rougeL: AssertionFactory = (options) => {
  const refText = requireString(options);
  const threshold = thresholdOf(options, defaultThreshold);
  const refTokens = new Map<string, string[]>();
  return (output, ctx) => {
    const lang = ctx.case.lang;
    const key = lang ?? '';
    let ref = refTokens.get(key);
    if (!ref) {
      ref = tokenize(foldCase(refText, lang), lang);
      refTokens.set(key, ref);
    }
    const r = rougeLScore(tokenize(foldCase(output, lang), lang), ref);
    return scored(r.f, threshold, `ROUGE-L F1 (LCS ${r.lcs})`);
  };
};

/** `chrf`: sacreBLEU's chrF (character 6-grams, β = 2): the default metric for any language. */
export const chrF: AssertionFactory = (options) => {
  const ref = charNgrams(requireString(options).normalize('NFC'));
  const threshold = thresholdOf(options, defaultThreshold);
  return (output) => scored(chrf(output.normalize('NFC'), ref).score, threshold, 'chrF');
};
