import { describe, expect, it } from 'vitest';
import { sentenceBleu } from '../../../src/assertions/metrics/bleu.js';
import { chrf } from '../../../src/assertions/metrics/chrf.js';
import { levenshtein } from '../../../src/assertions/metrics/levenshtein.js';
import { rougeL } from '../../../src/assertions/metrics/rouge-l.js';
import { graphemes, tokenize } from '../../../src/lang/segment.js';

/** Reference metrics against values worked out by hand (shown) or published. */

const words = (s: string) => s.split(' ');

describe('sentence BLEU (sacreBLEU sentence_bleu: exp smoothing, effective order)', () => {
  it('scores a hand-worked English pair', () => {
    // hyp "the cat sat on the mat" vs ref "the cat is on the mat":
    // p1 = 5/6, p2 = 3/5, p3 = 1/4, p4 = 0/3 → exp smoothing 1/(2·3) = 1/6; BP = 1 (equal length).
    // BLEU = (5/6 · 3/5 · 1/4 · 1/6)^(1/4) = (1/48)^(1/4) = 0.379918…
    const r = sentenceBleu(words('the cat sat on the mat'), words('the cat is on the mat'));
    expect(r.precisions).toEqual([5 / 6, 3 / 5, 1 / 4, 1 / 6]);
    expect(r.score).toBeCloseTo((1 / 48) ** 0.25, 10);
    expect(r.score).toBeCloseTo(0.379918, 5);
  });

  it('applies the brevity penalty to a short hypothesis', () => {
    // hyp "the cat" vs ref "the cat is on the mat": p1 = 2/2, p2 = 1/1; orders 3 and 4 have no
    // hypothesis n-grams, so the effective order is 2. BP = exp(1 − 6/2) = e^−2.
    const r = sentenceBleu(words('the cat'), words('the cat is on the mat'));
    expect(r.brevityPenalty).toBeCloseTo(Math.exp(-2), 12);
    expect(r.score).toBeCloseTo(Math.exp(-2), 12);
  });

  it('is 1 for an identical sentence and 0 when nothing matches', () => {
    expect(sentenceBleu(words('a b c d e'), words('a b c d e')).score).toBeCloseTo(1, 12);
    expect(sentenceBleu(words('x y z'), words('a b c')).score).toBe(0);
  });

  it('tokenises Chinese into words with Intl.Segmenter', () => {
    // 我/喜欢/吃/香蕉 vs 我/喜欢/吃/苹果: p = 3/4, 2/3, 1/2, 0/1 → 1/2 (smoothed).
    // BLEU = (3/4 · 2/3 · 1/2 · 1/2)^(1/4) = (1/8)^(1/4) = 0.594604
    const hyp = tokenize('我喜欢吃香蕉', 'zh');
    expect(hyp).toEqual(['我', '喜欢', '吃', '香蕉']);
    const r = sentenceBleu(hyp, tokenize('我喜欢吃苹果', 'zh'));
    expect(r.score).toBeCloseTo((1 / 8) ** 0.25, 10);
  });
});

describe('chrF (sacreBLEU CHRF defaults: char 6-grams, beta 2, whitespace dropped)', () => {
  it('matches the published sacreBLEU/HF example (61.576379378113785)', () => {
    const r = chrf(
      'The relationship between Obama and Netanyahu is not exactly friendly.',
      'The ties between Obama and Netanyahu are not particularly friendly.',
    );
    expect(r.score * 100).toBeCloseTo(61.576379378113785, 9);
  });

  it('averages only over orders both sides reach (hand-worked)', () => {
    // hyp "ab", ref "abc": n=1 P=2/2 R=2/3; n=2 P=1/1 R=1/2; n≥3 the hypothesis has no n-grams.
    // avgP = 1, avgR = 7/12; F2 = 5·1·(7/12) / (4·1 + 7/12) = 7/11.
    expect(chrf('ab', 'abc').score).toBeCloseTo(7 / 11, 12);
  });

  it('ignores whitespace and counts code points', () => {
    expect(chrf('Guten  Morgen', 'GutenMorgen').score).toBeCloseTo(1, 12);
    expect(chrf('你好世界', '你好世界').score).toBeCloseTo(1, 12);
    expect(chrf('abc', 'xyz').score).toBe(0);
  });
});

describe('ROUGE-L (Lin 2004, F1)', () => {
  it("reproduces Lin's worked examples", () => {
    // Lin (2004) §3.1: reference "police killed the gunman"; S2 "police kill the gunman" has
    // LCS 3 → R = P = 3/4; S3 "the gunman kill police" has LCS 2 → 1/2.
    expect(rougeL(words('police kill the gunman'), words('police killed the gunman')).f).toBeCloseTo(
      0.75,
      12,
    );
    expect(rougeL(words('the gunman kill police'), words('police killed the gunman')).f).toBeCloseTo(0.5, 12);
  });

  it('uses precision and recall from different lengths', () => {
    // hyp "a b c d" vs ref "a c": LCS 2, P = 2/4, R = 2/2, F1 = 2·0.5·1/1.5 = 2/3.
    const r = rougeL(words('a b c d'), words('a c'));
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(1);
    expect(r.f).toBeCloseTo(2 / 3, 12);
  });
});

describe('Levenshtein over graphemes', () => {
  it('gives the textbook distances', () => {
    expect(levenshtein(graphemes('kitten'), graphemes('sitting'))).toBe(3);
    expect(levenshtein(graphemes('flaw'), graphemes('lawn'))).toBe(2);
    expect(levenshtein(graphemes(''), graphemes('abc'))).toBe(3);
    expect(levenshtein(graphemes('same'), graphemes('same'))).toBe(0);
  });

  it('counts an emoji with skin tone and a flag as one edit each', () => {
    expect(graphemes('👍🏽🇯🇵')).toHaveLength(2);
    expect(levenshtein(graphemes('ok 👍🏽'), graphemes('ok 👍'))).toBe(1);
    expect(levenshtein(graphemes('🇯🇵'), graphemes('🇫🇷'))).toBe(1);
  });

  it('edits Hindi and Thai by user-perceived characters', () => {
    // नमस्ते = न · म · स्ते (3 graphemes); नमस्कार = न · म · स्का · र (4): two edits.
    expect(graphemes('नमस्ते')).toHaveLength(3);
    expect(levenshtein(graphemes('नमस्ते'), graphemes('नमस्कार'))).toBe(2);
    expect(levenshtein(graphemes('สวัสดี'), graphemes('สวัสดี'))).toBe(0);
  });
});

describe('chrF characters outside the BMP', () => {
  it('counts an astral character as one character, like Python', () => {
    // hyp "𝒳a" vs ref "𝒳b": n=1 P=1/2 R=1/2; n=2 P=0 R=0 → avgP = avgR = 1/4; F2 = 1/4.
    expect(chrf('𝒳a', '𝒳b').score).toBeCloseTo(0.25, 12);
  });
});
