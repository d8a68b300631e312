import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/lang/detect.js';

describe('detectLanguage', () => {
  it('declines texts with fewer than two letters', async () => {
    expect(await detectLanguage('  42! ')).toEqual({
      lang: null,
      reliable: false,
      reason: 'text too short to identify its language (0 letters)',
    });
  });

  it('declines short Latin-script texts it is unsure about, keeping the guess apart', async () => {
    const d = await detectLanguage('Ok si');
    expect(d.lang).toBeNull();
    expect(d.reason).toMatch(/too short to identify its language reliably \(4 letters\)/);
  });

  it('identifies single-language scripts from one word', async () => {
    expect((await detectLanguage('안녕하세요')).lang).toBe('ko');
    expect((await detectLanguage('สวัสดี')).lang).toBe('th');
    expect((await detectLanguage('Καλημέρα')).lang).toBe('el');
    expect((await detectLanguage('שלום')).lang).toBe('he');
    expect((await detectLanguage('ありがとう')).lang).toBe('ja');
  });

  it('tells Japanese from Chinese by kana, even with much kanji', async () => {
    expect((await detectLanguage('東京都の人口は約千四百万人です。')).lang).toBe('ja');
    expect((await detectLanguage('北京是中国的首都。')).lang).toBe('zh');
  });

  it('goes by the dominant language of mixed text', async () => {
    expect((await detectLanguage('我们使用 Python 和 TypeScript 来开发这个项目，效果很好。')).lang).toBe(
      'zh',
    );
    expect(
      (
        await detectLanguage(
          'Der Vertrag wurde gestern von beiden Parteien unterschrieben, siehe https://example.com/x.',
        )
      ).lang,
    ).toBe('de');
  });
});
