import { describe, expect, it } from 'vitest';
import { asciiFastPath, scanAsciiWords } from '../../../src/lang/ascii-words.js';
import { tokenizeWithIcu } from '../../../src/lang/segment.js';

function fast(text: string) {
  const out: Array<{ token: string; wordLike: boolean }> = [];
  scanAsciiWords(text, (s, e, wordLike) => out.push({ token: text.slice(s, e), wordLike }));
  return out;
}

describe('ASCII word scanner', () => {
  it('follows the word-break rules on the tricky cases', () => {
    expect(fast("don't e.g. 3.14 1,000 a:b 1:2 a.1 x--y U.S.A.").map((t) => t.token)).toEqual([
      "don't",
      'e.g',
      '.',
      '3.14',
      '1,000',
      'a:b',
      '1',
      ':',
      '2',
      'a',
      '.',
      '1',
      'x',
      '-',
      '-',
      'y',
      'U.S.A',
      '.',
    ]);
  });

  it('agrees with Intl.Segmenter on 3,000 random ASCII strings', () => {
    const alphabet = 'ab Z19 .\',;:-!?\t\n()"x0';
    let seed = 42;
    const rand = () => {
      // Deterministic LCG so a failure reproduces.
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 3000; trial++) {
      let s = '';
      const len = Math.floor(rand() * 24);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(asciiFastPath(s)).toBe(true);
      expect(fast(s), JSON.stringify(s)).toEqual(tokenizeWithIcu(s, 'en'));
    }
  });

  it('leaves non-ASCII text and underscores to ICU', () => {
    expect(asciiFastPath('café')).toBe(false);
    expect(asciiFastPath('snake_case')).toBe(false);
  });
});
