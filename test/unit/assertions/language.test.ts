import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { check, spec } from './helpers.js';

/** A reply in each language, different from the detector fixture, with its script and word count. */
const replies: Array<{ lang: string; text: string; script: string; words?: number }> = [
  { lang: 'zh-Hans', text: '我们的退款政策是：收到商品后十四天内可以申请全额退款。', script: 'Han' },
  { lang: 'ja', text: '返品は商品到着後十四日以内にお申し込みください。', script: 'Japanese' },
  { lang: 'ko', text: '상품 수령 후 14일 이내에 전액 환불을 요청하실 수 있습니다.', script: 'Hangul' },
  {
    lang: 'ar',
    text: 'يمكنك طلب استرداد كامل المبلغ خلال أربعة عشر يومًا من استلام المنتج.',
    script: 'Arabic',
  },
  { lang: 'hi', text: 'आप उत्पाद मिलने के चौदह दिनों के भीतर पूरा पैसा वापस माँग सकते हैं।', script: 'Devanagari' },
  {
    lang: 'ru',
    text: 'Вы можете запросить полный возврат средств в течение четырнадцати дней.',
    script: 'Cyrillic',
  },
  {
    lang: 'tr',
    text: 'Ürünü teslim aldıktan sonra on dört gün içinde tam iade talep edebilirsiniz.',
    script: 'Latin',
  },
  {
    lang: 'de',
    text: 'Sie können innerhalb von vierzehn Tagen nach Erhalt eine volle Erstattung verlangen.',
    script: 'Latin',
  },
  {
    lang: 'fr',
    text: 'Vous pouvez demander un remboursement complet dans les quatorze jours suivant la réception.',
    script: 'Latin',
  },
  {
    lang: 'es',
    text: 'Puede solicitar un reembolso completo dentro de los catorce días siguientes a la recepción.',
    script: 'Latin',
  },
  {
    lang: 'pt-BR',
    text: 'Você pode solicitar o reembolso integral em até catorze dias após o recebimento.',
    script: 'Latin',
  },
  {
    lang: 'vi',
    text: 'Bạn có thể yêu cầu hoàn tiền đầy đủ trong vòng mười bốn ngày kể từ khi nhận hàng.',
    script: 'Latin',
  },
  { lang: 'th', text: 'คุณสามารถขอคืนเงินเต็มจำนวนได้ภายในสิบสี่วันหลังจากได้รับสินค้า', script: 'Thai' },
];

describe('language: detector against the case lang, in 13 languages', () => {
  for (const r of replies) {
    it(`${r.lang}: passes with no value (the case's lang) and fails for another language`, async () => {
      const ok = await check('language', {}, r.text, r.lang);
      expect(ok.pass, ok.reason).toBe(true);
      const other = r.lang.startsWith('en') ? 'fr' : 'en';
      const bad = await check('language', { value: other }, r.text, r.lang);
      expect(bad.pass).toBe(false);
      expect(bad.reason).toMatch(new RegExp(`^expected ${other} but the output is in`));
    });
  }

  it('accepts a list and BCP-47 tags compared by primary subtag', async () => {
    expect((await check('language', { value: ['en', 'pt-PT'] }, replies[10]!.text)).pass).toBe(true);
    expect((await check('language', { value: 'zh-Hant' }, '我們的退款政策非常簡單明瞭。')).pass).toBe(true);
  });

  it('says the text is too short instead of guessing', async () => {
    const r = await check('language', { value: 'fr' }, 'OK', 'fr');
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/too short to identify/);
    const empty = await check('language', { value: 'de' }, '42 !!', null);
    expect(empty.reason).toMatch(/too short.*0 letters/);
  });

  it('is an evaluation error with no value and no case lang', async () => {
    await expect(check('language', {}, 'Bonjour tout le monde', null)).rejects.toThrow(
      /no expected language/,
    );
  });

  it('is an evaluation error, not a fail, for a language the detector does not know', async () => {
    const khmer = 'សេចក្តីប្រកាសជាសកលស្តីពីសិទ្ធិមនុស្ស';
    await expect(check('language', { value: 'km' }, khmer)).rejects.toThrow(
      /^language: cannot identify Khmer \(km\): the language detector does not know it/,
    );
    // From the case's lang too, and naming what the output reads as.
    await expect(check('language', {}, 'Habari za asubuhi, rafiki yangu mpendwa.', 'km-KH')).rejects.toThrow(
      /cannot identify Khmer \(km\).*; the output reads as \w+$/,
    );
  });

  it('still passes on another expected language the detector knows', async () => {
    const r = await check('language', { value: ['km', 'fr'] }, replies[8]!.text);
    expect(r.pass, r.reason).toBe(true);
    await expect(check('language', { value: ['km', 'fr'] }, replies[7]!.text)).rejects.toThrow(
      /cannot identify Khmer/,
    );
  });

  it('identifies a one-word Korean or Thai answer by its script', async () => {
    expect((await check('language', { value: 'ko' }, '감사합니다')).pass).toBe(true);
    expect((await check('language', { value: 'th' }, 'ขอบคุณ')).pass).toBe(true);
  });
});

describe('script', () => {
  for (const r of replies) {
    it(`${r.lang}: mostly ${r.script}`, async () => {
      const v = await check('script', { value: r.script, min_share: 0.9 }, r.text);
      expect(v.pass, v.reason).toBe(true);
      expect(v.score).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('scores the share of letters and honours min_share', async () => {
    // 4 Han letters + 4 Latin letters ("qeval"→5): 你好世界 qeva l → Han 4 of 9 letters.
    const v = await check('script', { value: 'Han' }, '你好世界 qeval');
    expect(v.score).toBeCloseTo(4 / 9, 12);
    expect(v.pass).toBe(false);
    expect((await check('script', { value: 'Han', min_share: 0.4 }, '你好世界 qeval')).pass).toBe(true);
  });

  it('counts ー and kanji for Japanese, and accepts ISO 15924 codes', async () => {
    expect((await check('script', { value: 'Japanese', min_share: 1 }, 'コーヒーを飲みます')).score).toBe(1);
    expect((await check('script', { value: 'Hira', min_share: 0.1 }, 'コーヒーを飲みます')).pass).toBe(true);
    expect((await check('script', { value: ['Cyrl', 'Latn'], min_share: 1 }, 'Москва and Kyiv')).pass).toBe(
      true,
    );
  });

  it('rejects an unknown script at compile time', () => {
    expect(() => compileAssertion(spec('script', { value: 'Klingon' }))).toThrow(
      /unknown Unicode script "Klingon"/,
    );
  });
});

describe('length with Intl.Segmenter', () => {
  it('counts Chinese, Japanese and Thai words by dictionary', async () => {
    expect((await check('length', { unit: 'words', min: 4, max: 4 }, '我喜欢吃苹果', 'zh')).pass).toBe(true);
    expect((await check('length', { unit: 'words', min: 4, max: 4 }, 'ฉันชอบกินข้าว', 'th')).pass).toBe(true);
    const ja = await check('length', { unit: 'words', max: 3 }, '私は寿司が好きです', 'ja');
    expect(ja.pass).toBe(false);
    expect(ja.reason).toMatch(/words \(expected ≤ 3\)/);
  });

  it('counts sentences in Chinese, Arabic and Hindi punctuation', async () => {
    expect((await check('length', { unit: 'sentences', max: 1 }, '你好。我很好！', 'zh')).reason).toBe(
      'output is 2 sentences (expected ≤ 1)',
    );
    expect(
      (await check('length', { unit: 'sentences', min: 2, max: 2 }, 'مرحبا بك. كيف حالك؟', 'ar')).pass,
    ).toBe(true);
    expect((await check('length', { unit: 'sentences', min: 2, max: 2 }, 'नमस्ते। आप कैसे हैं?', 'hi')).pass).toBe(
      true,
    );
  });

  it('counts graphemes by default', async () => {
    expect((await check('length', { max: 2 }, '👍🏽🇯🇵')).pass).toBe(true);
    expect((await check('length', { min: 6 }, 'नमस्ते')).reason).toBe('output is 3 graphemes (expected ≥ 6)');
  });
});
