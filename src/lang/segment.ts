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

// Text without combining marks, surrogates, CR, joiners or variation selectors has one grapheme per
// code unit; most English output takes this path and skips the segmenter.
function needsGraphemeBreaking(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x300) {
      if (c === 0x0d) return true;
      continue;
    }
    if (
      c <= 0x36f ||
      (c >= 0x483 && c <= 0x489) ||
      (c >= 0x591 && c <= 0x1fff) ||
      c === 0x200c ||
      c === 0x200d ||
      (c >= 0x20d0 && c <= 0x20ff) ||
      c === 0x3099 ||
      c === 0x309a ||
      (c >= 0xd7b0 && c <= 0xdfff) ||
      (c >= 0xfe00 && c <= 0xfe0f) ||
      (c >= 0xfe20 && c <= 0xfe2f)
    ) {
      return true;
    }
  }
  return false;
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
