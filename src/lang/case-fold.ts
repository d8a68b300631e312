import { safeLocale } from './locale.js';

/**
 * Locale-aware caseless matching key for `icontains` and friends.
 *
 * Unicode full case folding (ß → ss, ﬁ → fi, final ς → σ) plus the language's own rules where
 * they differ: Turkish and Azerbaijani map I ↔ ı and İ ↔ i; Greek drops accents when upper-cased,
 * so `ΑΘΗΝΑ` matches `Αθήνα` when the test's lang is `el`. JavaScript has no `foldCase`, so it
 * is built from upper- then lower-casing, which performs the full (length-changing) mappings.
 */
export function foldCase(text: string, lang?: string | null): string {
  const locale = foldingLocale(lang);
  let folded = text.normalize('NFC').toLocaleUpperCase(locale).toLocaleLowerCase(locale);
  if (locale === 'el') folded = stripGreekAccents(folded);
  // Lower-casing re-creates the word-final ς; folding maps every sigma to σ.
  folded = folded.replace(/ς/g, 'σ');
  // Capital ẞ round-trips to ß instead of "ss"; fold it like the small letter.
  folded = folded.replace(/ß/g, 'ss');
  // Outside Turkic languages, İ lower-cases to i + U+0307; the dot carries no meaning there.
  if (locale !== 'tr' && locale !== 'az') folded = folded.replace(/i\u0307/g, 'i');
  return folded;
}

/** Only the primary subtag matters for casing; unknown or malformed tags fold by the root rules. */
function foldingLocale(lang: string | null | undefined): string {
  const primary = safeLocale(lang).split('-')[0]!;
  return primary === 'und' ? 'und' : primary;
}

const greekAccents = /[\u0301\u0342\u0313\u0314\u0345]/g;

function stripGreekAccents(text: string): string {
  return text.normalize('NFD').replace(greekAccents, '').normalize('NFC');
}
