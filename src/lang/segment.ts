import { asciiFastPath, scanAsciiWords } from './ascii-words.js';
import { safeLocale } from './locale.js';

/** What `length` counts. */
export type LengthUnit = 'graphemes' | 'words' | 'sentences';

type Granularity = 'grapheme' | 'word' | 'sentence';
const segmenters = new Map<string, Intl.Segmenter>();

/** A cached `Intl.Segmenter`: building one loads ICU break rules, so never do it per case. */
export function segmenter(lang: string | null | undefined, granularity: Granularity): Intl.Segmenter {
  const locale = safeLocale(lang);
  const key = `${locale}|${granularity}`;
  let s = segmenters.get(key);
  if (!s) {
    s = new Intl.Segmenter(locale === 'und' ? undefined : locale, { granularity });
    segmenters.set(key, s);
  }
  return s;
}

/**
 * Characters that can join a neighbour into one grapheme cluster (UAX #29): CR, combining and
 * spacing marks, format characters (ZWJ, ZWNJ and the prepended Arabic number signs among them),
 * Hangul jamo, the few letters with a grapheme-break class of their own (U+0D4E, U+0E33, U+0EB3,
 * U+FF9E–FF9F), lone surrogates and anything outside the BMP (emoji, regional indicators). Text
 * without any of them has one grapheme per code unit, so Arabic, Cyrillic, CJK or precomposed
 * Korean and Vietnamese text skips the segmenter. A test checks every other BMP character
 * against Intl.Segmenter.
 */
const joiner =
  /[\r\p{M}\p{Cf}\p{Cs}\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\uFF9E\uFF9F\u{10000}-\u{10FFFF}]/u;

/** Whether `text` may have a grapheme cluster of more than one code unit. */
export function needsGraphemeBreaking(text: string): boolean {
  return joiner.test(text);
}

/** Splits text into user-perceived characters (extended grapheme clusters). */
export function graphemes(text: string): string[] {
  if (!needsGraphemeBreaking(text)) return text.split('');
  const out: string[] = [];
  for (const s of segmenter(null, 'grapheme').segment(text)) out.push(s.segment);
  return out;
}

/** Tokens (as `tokenize`) from Intl.Segmenter only, without the ASCII fast path; for tests. */
export function tokenizeWithIcu(
  text: string,
  lang?: string | null,
): Array<{ token: string; wordLike: boolean }> {
  const out: Array<{ token: string; wordLike: boolean }> = [];
  for (const s of segmenter(lang, 'word').segment(text)) {
    if (s.isWordLike || s.segment.trim() !== '')
      out.push({ token: s.segment, wordLike: s.isWordLike === true });
  }
  return out;
}

/**
 * Tokens for BLEU and ROUGE: word-like segments and punctuation, whitespace dropped. ICU's
 * dictionary-based breaking splits Chinese, Japanese and Thai into words, where splitting on
 * spaces would give one token per sentence.
 */
export function tokenize(text: string, lang?: string | null): string[] {
  const out: string[] = [];
  if (asciiFastPath(text)) {
    scanAsciiWords(text, (start, end) => out.push(text.slice(start, end)));
    return out;
  }
  for (const s of segmenter(lang, 'word').segment(text)) {
    if (s.isWordLike || s.segment.trim() !== '') out.push(s.segment);
  }
  return out;
}

/** Counts graphemes, words (word-like segments) or sentences (non-blank sentence segments). */
export function countUnits(text: string, unit: LengthUnit, lang?: string | null): number {
  if (unit === 'graphemes') {
    if (!needsGraphemeBreaking(text)) return text.length;
    let n = 0;
    for (const _ of segmenter(null, 'grapheme').segment(text)) n++;
    return n;
  }
  let n = 0;
  if (unit === 'words') {
    if (asciiFastPath(text)) {
      scanAsciiWords(text, (_start, _end, wordLike) => {
        if (wordLike) n++;
      });
      return n;
    }
    for (const s of segmenter(lang, 'word').segment(text)) if (s.isWordLike) n++;
    return n;
  }
  for (const s of segmenter(lang, 'sentence').segment(text)) if (s.segment.trim() !== '') n++;
  return n;
}
