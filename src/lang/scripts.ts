/**
 * Unicode scripts for the `script` assertion. A script is named as Unicode names it (`Han`,
 * `Arabic`, `Cyrillic` …) or by its ISO 15924 code (`Hani`, `Arab`), plus a few writing systems
 * that mix scripts (`Japanese` = Han + Hiragana + Katakana).
 */

/** Writing systems that are more than one Unicode script. */
const compositeScripts: Record<string, readonly string[]> = {
  japanese: ['Han', 'Hiragana', 'Katakana'],
  jpan: ['Han', 'Hiragana', 'Katakana'],
  korean: ['Hangul', 'Han'],
  kore: ['Hangul', 'Han'],
  chinese: ['Han'],
  kana: ['Hiragana', 'Katakana'],
  hrkt: ['Hiragana', 'Katakana'],
};

/** Common names that are not Unicode script names. */
const scriptAliases: Record<string, string> = {
  hanzi: 'Han',
  kanji: 'Han',
  hanja: 'Han',
  chinese: 'Han',
  devanagari: 'Devanagari',
  hindi: 'Devanagari',
  russian: 'Cyrillic',
  hebrew: 'Hebrew',
  greek: 'Greek',
  thai: 'Thai',
  arabic: 'Arabic',
  latin: 'Latin',
};

/** The script names a user may write in the error message of a bad one. */
import { InputError } from '../errors.js';
export const knownScriptExamples =
  'Han, Hiragana, Katakana, Japanese, Hangul, Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Bengali, Tamil, Thai, Lao, Khmer, Georgian, Armenian, Ethiopic';

/**
 * Builds one regular expression matching a single letter of any of the scripts. Uses
 * Script_Extensions so the characters Japanese and Arabic share with other scripts (ー, 々, ـ)
 * count for them. Throws an InputError naming the bad script.
 */
export function compileScriptMatcher(names: readonly string[]): RegExp {
  const parts: string[] = [];
  for (const name of names) {
    for (const script of expand(name)) {
      try {
        new RegExp(`\\p{scx=${script}}`, 'u');
      } catch {
        throw new InputError(`unknown Unicode script "${name}" (known: ${knownScriptExamples})`);
      }
      parts.push(`\\p{scx=${script}}`);
    }
  }
  return new RegExp(`[${parts.join('')}]`, 'u');
}

function expand(name: string): readonly string[] {
  const key = name.trim().toLowerCase();
  return compositeScripts[key] ?? [scriptAliases[key] ?? name.trim()];
}

const letter = /\p{L}/u;
const asciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Counts letters (`\p{L}`) and how many of them the matcher accepts. */
export function scriptShare(text: string, matcher: RegExp): { letters: number; hits: number } {
  let letters = 0;
  let hits = 0;
  const latinFast = matcher.test('a');
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) {
      // ASCII needs no regex: it is a Latin letter or not a letter at all.
      if (asciiLetter(c)) {
        letters++;
        if (latinFast) hits++;
      }
      continue;
    }
    if (!letter.test(ch)) continue;
    letters++;
    if (matcher.test(ch)) hits++;
  }
  return { letters, hits };
}
