/**
 * Word segmentation of pure-ASCII text without ICU. `Intl.Segmenter` is dear per segment;
 * English output is the common case, so this reimplements the Unicode word-break rules
 * (UAX #29) that matter in ASCII: letters, digits and `_` join; `'` and `.` join letters to
 * letters and digits to digits, `:` letters only, `,` and `;` digits only. The unit tests check
 * it against Intl.Segmenter on random strings.
 */

const L = 1; // ALetter
const N = 2; // Numeric
const U = 3; // ExtendNumLet (_)
const MIDLETTER = 4; // :
const MIDNUMLET = 5; // . '
const MIDNUM = 6; // , ;
const SPACE = 7;
const OTHER = 0;

const classes = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) classes[c] = L;
  else if (c >= 0x30 && c <= 0x39) classes[c] = N;
  else if (c === 0x5f) classes[c] = U;
  else if (c === 0x3a) classes[c] = MIDLETTER;
  else if (c === 0x2e || c === 0x27) classes[c] = MIDNUMLET;
  else if (c === 0x2c || c === 0x3b) classes[c] = MIDNUM;
  else if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) classes[c] = SPACE;
}

/**
 * Whether the fast path applies: ASCII only, and no `_`, whose runs ICU marks word-like or not by
 * length (`_` no, `__` yes) in a way not worth copying.
 */
export function asciiFastPath(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f || c === 0x5f) return false;
  }
  return true;
}

/**
 * Calls `onToken(start, end, wordLike)` for every non-blank segment of ASCII text, in order:
 * word runs (word-like when they hold a letter or digit) and single other characters.
 */
export function scanAsciiWords(
  text: string,
  onToken: (start: number, end: number, wordLike: boolean) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const k = classes[text.charCodeAt(i)]!;
    if (k === SPACE) {
      i++;
      continue;
    }
    if (k !== L && k !== N && k !== U) {
      onToken(i, i + 1, false);
      i++;
      continue;
    }
    const start = i;
    let hasLetterOrDigit = k !== U;
    i++;
    while (i < n) {
      const c = classes[text.charCodeAt(i)]!;
      if (c === L || c === N || c === U) {
        if (c !== U) hasLetterOrDigit = true;
        i++;
        continue;
      }
      const prev = classes[text.charCodeAt(i - 1)]!;
      const next = i + 1 < n ? classes[text.charCodeAt(i + 1)]! : OTHER;
      const joinsLetters = (c === MIDLETTER || c === MIDNUMLET) && prev === L && next === L;
      const joinsDigits = (c === MIDNUM || c === MIDNUMLET) && prev === N && next === N;
      if (joinsLetters || joinsDigits) {
        i += 2;
        continue;
      }
      break;
    }
    onToken(start, i, hasLetterOrDigit);
  }
}
