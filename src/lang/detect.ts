import { settleClosePairs } from './close-pairs.js';
import { looksSwahili } from './swahili.js';

/**
 * Language identification: a script pass for writing systems only one language of the
 * detector's set uses (Hangul, kana, Thai, Greek …), then `eld` for the rest, loaded on first
 * use (its n-gram tables are megabytes), then the close-pair rules of close-pairs.ts for the
 * relatives eld confuses (ru/bg/uk/be, es/pt, cs/sk, da/no/sv, ms/id). Swahili, which eld lacks,
 * is read by its function words (swahili.ts) before eld. The answers it can give are listed in
 * coverage.ts. Texts too short to identify
 * give `lang: null` with a reason rather than a guess. Upper case does not change the answer:
 * eld and the rules both read a lower-cased copy. Measured on the UDHR in
 * test/unit/lang/udhr-accuracy.test.ts; the table is in bench/README.md.
 *
 * Chosen by measurement on test/fixtures/lang/sentences.json (24 languages × 5 sentences):
 * eld 119/120, franc 103/120 (it confuses close relatives among its 400 languages: ru→bg,
 * cs→sk, es→gl), tinyld 120/120 on whole sentences but behind eld on 2–3-word snippets and
 * 2.5× slower. See test/unit/lang/detect-accuracy.test.ts.
 */

export interface Detection {
  /** ISO 639-1 code, or null when the text is too short or ambiguous to tell. */
  lang: string | null;
  reliable: boolean;
  /** Why no language was given, when lang is null. */
  reason?: string;
  /** The detector's guess when it was too unsure to answer (for reasons, never for verdicts). */
  guess?: string;
}

type EldResult = { language: string; isReliable(): boolean; getScores(): Record<string, number> };
type Eld = { detect(text: string): EldResult; enableTextCleanup(flag: boolean): void };
let eldPromise: Promise<Eld> | undefined;

async function loadEld(): Promise<Eld> {
  eldPromise ??= import('eld/medium').then((m) => {
    const eld = (m as unknown as { eld: Eld }).eld;
    // Drops URLs, e-mail addresses and other non-language tokens before scoring n-grams.
    eld.enableTextCleanup(true);
    return eld;
  });
  return eldPromise;
}

/** Scripts that, among the detector's languages, identify one language by themselves. */
const singleLanguageScripts: Array<[RegExp, string, number]> = [
  // Any kana makes CJK text Japanese; weight 3 because one CJK character is roughly a word.
  [/[\p{sc=Hiragana}\p{sc=Katakana}]/u, 'ja', 3],
  [/\p{sc=Hangul}/u, 'ko', 3],
  [/\p{sc=Thai}/u, 'th', 1],
  [/\p{sc=Greek}/u, 'el', 1],
  [/\p{sc=Hebrew}/u, 'he', 1],
  [/\p{sc=Georgian}/u, 'ka', 1],
  [/\p{sc=Armenian}/u, 'hy', 1],
  [/\p{sc=Lao}/u, 'lo', 1],
  [/\p{sc=Tamil}/u, 'ta', 1],
  [/\p{sc=Telugu}/u, 'te', 1],
  [/\p{sc=Kannada}/u, 'kn', 1],
  [/\p{sc=Malayalam}/u, 'ml', 1],
  [/\p{sc=Gujarati}/u, 'gu', 1],
  [/\p{sc=Gurmukhi}/u, 'pa', 1],
  [/\p{sc=Oriya}/u, 'or', 1],
  [/\p{sc=Ethiopic}/u, 'am', 1],
];
const han = /\p{sc=Han}/u;
const letter = /\p{L}/u;

/** Fewer letters than this and eld's "not reliable" means the text is too short to tell. */
const minLettersForUnreliable = 12;

/**
 * Detects the language of `text`. Returns an ISO 639-1 code, or `lang: null` with a reason when
 * the text has too few letters to identify.
 */
export async function detectLanguage(text: string): Promise<Detection> {
  const trimmed = text.normalize('NFC').trim();
  const counts = countScripts(trimmed);
  if (counts.letters < 2) {
    return {
      lang: null,
      reliable: false,
      reason: `text too short to identify its language (${counts.letters} letters)`,
    };
  }
  const byScript = scriptVerdict(counts);
  if (byScript) return { lang: byScript, reliable: true };

  const lower = lowerForDetection(trimmed);
  // eld has no Swahili; its function words decide it before eld would answer Tagalog or Malay.
  if (looksSwahili(lower)) return { lang: 'sw', reliable: true };
  const eld = await loadEld();
  const r = eld.detect(lower);
  if (!r.language) return { lang: null, reliable: false, reason: 'no language recognised' };
  const reliable = r.isReliable();
  const lang = settleClosePairs(lower, r.language, r.getScores(), counts.letters);
  if (!reliable && counts.letters < minLettersForUnreliable) {
    return {
      lang: null,
      reliable: false,
      guess: lang,
      reason: `text too short to identify its language reliably (${counts.letters} letters)`,
    };
  }
  return { lang, reliable };
}

/**
 * Lower case for the detector and the close-pair rules. eld lower-cases by the root rules too,
 * which turn Turkish İ into i plus a combining dot that matches none of its n-grams; the dot is
 * dropped here so upper-cased Turkish reads like the lower-case text.
 */
function lowerForDetection(text: string): string {
  return text.toLowerCase().replace(/i\u0307/g, 'i');
}

interface ScriptCounts {
  letters: number;
  /** Weighted letters per single-language script index, and Han at the end. */
  weighted: number[];
  total: number;
}

function countScripts(text: string): ScriptCounts {
  const weighted = new Array<number>(singleLanguageScripts.length + 1).fill(0);
  let letters = 0;
  let total = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
        letters++;
        total++;
      }
      continue;
    }
    if (!letter.test(ch)) continue;
    letters++;
    if (han.test(ch)) {
      weighted[singleLanguageScripts.length]! += 3;
      total += 3;
      continue;
    }
    let w = 1;
    for (let i = 0; i < singleLanguageScripts.length; i++) {
      const [re, , weight] = singleLanguageScripts[i]!;
      if (re.test(ch)) {
        weighted[i]! += weight;
        w = weight;
        break;
      }
    }
    total += w;
  }
  return { letters, weighted, total };
}

/** The language a dominant single-language script (or Han without kana) implies, if any. */
function scriptVerdict(counts: ScriptCounts): string | null {
  const hanWeight = counts.weighted[singleLanguageScripts.length]!;
  const kana = counts.weighted[0]!;
  // Japanese mixes kanji and kana; both count for it once there is kana at all.
  if (kana > 0 && (kana + hanWeight) * 2 >= counts.total) return 'ja';
  if (hanWeight * 2 >= counts.total && kana === 0) return 'zh';
  for (let i = 1; i < singleLanguageScripts.length; i++) {
    if (counts.weighted[i]! * 2 >= counts.total) return singleLanguageScripts[i]![1];
  }
  return null;
}
