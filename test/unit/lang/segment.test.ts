import { describe, expect, it } from 'vitest';
import { primaryLanguage, safeLocale } from '../../../src/lang/locale.js';
import {
  countUnits,
  graphemes,
  needsGraphemeBreaking,
  segmenter,
  tokenize,
} from '../../../src/lang/segment.js';

describe('segmentation', () => {
  it('counts CJK and Thai words by dictionary', () => {
    expect(countUnits('我喜欢吃苹果', 'words', 'zh')).toBe(4);
    expect(countUnits('ฉันชอบกินข้าว', 'words', 'th')).toBe(4);
    expect(countUnits('Hello, world! How are you?', 'words', 'en')).toBe(5);
  });

  it('counts sentences and graphemes', () => {
    expect(countUnits('Hello there. How are you? Fine!', 'sentences', 'en')).toBe(3);
    expect(countUnits('你好。我很好！谢谢', 'sentences', 'zh')).toBe(3);
    expect(countUnits('e\u0301👨‍👩‍👧', 'graphemes')).toBe(2);
    expect(countUnits('plain ascii', 'graphemes')).toBe(11);
  });

  it('tokenises words and punctuation, dropping spaces', () => {
    expect(tokenize('Hi, Ann!', 'en')).toEqual(['Hi', ',', 'Ann', '!']);
    expect(tokenize('你好，世界', 'zh')).toEqual(['你好', '，', '世界']);
  });

  it('splits graphemes with a fast path for plain text', () => {
    expect(graphemes('abc')).toEqual(['a', 'b', 'c']);
    expect(graphemes('a\r\nb')).toEqual(['a', '\r\n', 'b']);
    expect(graphemes('がぎ')).toHaveLength(2);
    expect(graphemes('か\u3099')).toHaveLength(1);
  });

  it('takes the one-grapheme-per-code-unit path only for characters that never join a neighbour', () => {
    // Every BMP character the fast path accepts must stand alone beside a letter, a precomposed
    // Hangul syllable (which joins following jamo) and itself; anything that joins (marks, jamo,
    // prepended signs, CR before LF) must be sent to the segmenter.
    const icu = segmenter(null, 'grapheme');
    const count = (s: string) => {
      let n = 0;
      for (const _ of icu.segment(s)) n++;
      return n;
    };
    const wrong: string[] = [];
    let accepted = 0;
    for (let cp = 0; cp <= 0xffff; cp++) {
      const c = String.fromCharCode(cp);
      if (needsGraphemeBreaking(c)) continue;
      accepted++;
      for (const s of [`a${c}a`, `가${c}`, `${c}가`, `${c}${c}`, `${c}\n`]) {
        if (count(s) !== s.length) wrong.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
      }
    }
    expect(wrong).toEqual([]);
    // The fast path is the common case: Arabic, Cyrillic, CJK and Korean text all take it.
    expect(accepted).toBeGreaterThan(50_000);
    for (const s of [
      'مرحبا بالعالم',
      'Привет, мир',
      '你好，世界',
      'こんにちは',
      '안녕하세요',
      'Xin chào thế giới',
    ]) {
      expect(needsGraphemeBreaking(s)).toBe(false);
      expect(countUnits(s, 'graphemes')).toBe(s.length);
    }
    for (const s of ['नमस्ते', 'e\u0301', '\r\n', '👍🏽', 'ｶﾞ', '\u1100\u1161', 'a\u200db']) {
      expect(needsGraphemeBreaking(s)).toBe(true);
    }
    expect(countUnits('ｶﾞｷﾞ', 'graphemes')).toBe(2);
  });

  it('caches segmenters and survives malformed tags', () => {
    expect(segmenter('zh', 'word')).toBe(segmenter('zh', 'word'));
    expect(countUnits('two words', 'words', '%%bad%%')).toBe(2);
  });
});

describe('locale helpers', () => {
  it('takes the primary subtag and resolves aliases', () => {
    expect(primaryLanguage('zh-Hant-TW')).toBe('zh');
    expect(primaryLanguage('pt_BR')).toBe('pt');
    expect(primaryLanguage('iw')).toBe('he');
    expect(primaryLanguage('')).toBeNull();
    expect(safeLocale('EN-us')).toBe('en-US');
    expect(safeLocale('x y')).toBe('und');
  });
});
