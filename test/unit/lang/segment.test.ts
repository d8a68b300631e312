import { describe, expect, it } from 'vitest';
import { primaryLanguage, safeLocale } from '../../../src/lang/locale.js';
import { countUnits, graphemes, segmenter, tokenize } from '../../../src/lang/segment.js';

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
