/**
 * BCP-47 helpers shared by case folding, segmentation and language checks. A test's `lang` is
 * user input, so every helper tolerates junk instead of throwing (`toLocaleLowerCase` and
 * `Intl.Segmenter` throw a RangeError on a malformed tag).
 */

const canonicalCache = new Map<string, string>();

/** The canonical form of a BCP-47 tag, or `'und'` when it is missing or malformed. */
export function safeLocale(tag: string | null | undefined): string {
  if (!tag) return 'und';
  let hit = canonicalCache.get(tag);
  if (hit === undefined) {
    try {
      hit = Intl.getCanonicalLocales(tag)[0] ?? 'und';
    } catch {
      hit = 'und';
    }
    canonicalCache.set(tag, hit);
  }
  return hit;
}

/**
 * Deprecated or alternative codes some users (and some detectors) write, mapped to the ISO 639-1
 * code the detector answers with.
 */
const aliases: Record<string, string> = {
  iw: 'he',
  in: 'id',
  ji: 'yi',
  jw: 'jv',
  nb: 'no',
  nn: 'no',
  fil: 'tl',
  zho: 'zh',
  chi: 'zh',
  cmn: 'zh',
  yue: 'zh',
  jpn: 'ja',
  kor: 'ko',
  ara: 'ar',
  arb: 'ar',
  hin: 'hi',
  rus: 'ru',
  tur: 'tr',
  deu: 'de',
  ger: 'de',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  por: 'pt',
  vie: 'vi',
  tha: 'th',
  eng: 'en',
  ita: 'it',
  ind: 'id',
};

/**
 * The primary language subtag of a BCP-47 tag, lower case, aliases resolved:
 * `zh-Hant` → `zh`, `pt-BR` → `pt`, `iw` → `he`. Null for an empty tag.
 */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (primary === '') return null;
  return aliases[primary] ?? primary;
}

/** Languages a detector cannot tell apart reliably from text; either answer counts for the other. */
const indistinguishable: Record<string, readonly string[]> = {
  // eld has no Indonesian model and the close-pair rules tell the two apart only by marker
  // words; Standard Malay and Indonesian share most of their vocabulary.
  id: ['ms'],
  ms: ['id'],
};

/** Whether a detected language satisfies an expected one (same code or indistinguishable). */
export function languageMatches(expected: string, detected: string): boolean {
  return expected === detected || (indistinguishable[expected]?.includes(detected) ?? false);
}
