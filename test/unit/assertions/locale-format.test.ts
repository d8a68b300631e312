import { describe, expect, it } from 'vitest';
import { localeFormat } from '../../../src/assertions/locale-format.js';
import { AssertionEvaluationError, AssertionOptionsError } from '../../../src/assertions/types.js';
import { check, context, spec } from './helpers.js';

const run = (options: Record<string, unknown>, output: string, lang: string | null) =>
  check('locale-format', options, output, lang);

describe('locale-format numbers', () => {
  it.each([
    [
      'de',
      'Die Stadt hat 1.234.567 Einwohner und 3,5 % Wachstum.',
      'Die Stadt hat 1,234,567 Einwohner und 3.5 % Wachstum.',
    ],
    [
      'en',
      'The city has 1,234,567 people and 3.5% growth.',
      'The city has 1.234.567 people and 3,5% growth.',
    ],
    [
      'fr',
      'La ville compte 1 234 567 habitants et 3,5 % de croissance.',
      'La ville compte 1,234,567 habitants.',
    ],
    ['hi', 'शहर की आबादी 12,34,567 है।', 'शहर की आबादी 1.234.567,5 है।'],
    ['ru', 'В городе 1 234 567 жителей, рост 3,5 %.', 'В городе 1,234,567.5 жителей.'],
    ['pl', 'Miasto ma 1 234 567 mieszkańców.', 'Miasto ma 1,234,567.25 mieszkańców.'],
    ['ja', '人口は1,234,567人です。', '人口は1.234.567,5人です。'],
  ])('%s: its own grouping passes, a foreign one fails', async (lang, good, bad) => {
    const pass = await run({ value: 'number' }, good, lang);
    expect(pass.pass, pass.reason).toBe(true);
    const fail = await run({ value: 'number' }, bad, lang);
    expect(fail.pass).toBe(false);
    expect(fail.reason).toMatch(new RegExp(`not how ${lang} writes a number`));
  });

  it('de-CH through `locale` groups with an apostrophe', async () => {
    expect((await run({ locale: 'de-CH' }, "Total: 1'234'567.50 Franken", null)).pass).toBe(true);
    expect((await run({ locale: 'de-CH' }, 'Total: 1.234.567,50 Franken', null)).pass).toBe(false);
  });

  it('ambiguous numbers and identifiers pass: 1.234 in en and de, v1.2.3, H2O', async () => {
    expect((await run({}, 'about 1.234 units, v1.2.3, H2O', 'en')).pass).toBe(true);
    expect((await run({}, 'etwa 1.234 Stück', 'de')).pass).toBe(true);
  });

  it('ar: digits native asks for Arabic-Indic digits with ٬ and ٫', async () => {
    const native = await run({ value: 'number', digits: 'native' }, 'عدد السكان ١٬٢٣٤٬٥٦٧ نسمة و ٣٫٥٪', 'ar');
    expect(native.pass, native.reason).toBe(true);
    const latin = await run({ value: 'number', digits: 'native' }, 'عدد السكان 1,234,567 نسمة', 'ar');
    expect(latin.pass).toBe(false);
    expect(latin.reason).toContain('latn digits');
    expect(latin.reason).toContain('١٬٢٣٤٬٥٦٧٫٥');
    // By default either system is fine; digits: latin refuses the native ones.
    expect((await run({ value: 'number' }, 'عدد السكان 1,234,567 أو ١٬٢٣٤٬٥٦٧', 'ar')).pass).toBe(true);
    expect((await run({ digits: 'latin' }, 'عدد السكان ١٢٣', 'ar')).pass).toBe(false);
  });

  it('fa native digits are Extended Arabic-Indic (۱۲۳)', async () => {
    expect((await run({ value: 'number', digits: 'native' }, 'جمعیت ۱٬۲۳۴٬۵۶۷ نفر است', 'fa')).pass).toBe(
      true,
    );
    expect((await run({ value: 'number', digits: 'native' }, 'جمعیت ١٢٣ نفر است', 'fa')).pass).toBe(false);
  });
});

describe('locale-format dates', () => {
  it.each([
    ['de', 'Am 14.03.2024 oder am 14. März 2024.', 'Am 03/14/2024.'],
    ['en', 'On 3/14/2024, or March 14, 2024.', 'On 14/03/2024.'],
    ['fr', 'Le 14/03/2024, soit le 14 mars 2024.', 'Le 14.03.2024.'],
    ['ja', '2024/03/14、つまり2024年3月14日です。', '14.03.2024です。'],
    ['es', 'El 14/03/2024, es decir, el 14 de marzo de 2024.', 'El 03/14/2024.'],
    ['ko', '2024. 03. 14. 또는 2024년 3월 14일', '14/03/2024'],
  ])('%s: its own date forms pass, a foreign one fails', async (lang, good, bad) => {
    const pass = await run({ value: 'date' }, good, lang);
    expect(pass.pass, pass.reason).toBe(true);
    expect(pass.reason).toContain('2 dates');
    const fail = await run({ value: 'date' }, bad, lang);
    expect(fail.pass, fail.reason).toBe(false);
  });

  it('an English long date in a German answer fails; ISO dates pass everywhere', async () => {
    const english = await run({}, 'Der Termin ist March 14, 2024.', 'de');
    expect(english.pass).toBe(false);
    expect(english.reason).toContain('14. März 2024');
    expect((await run({ value: 'date' }, 'Termin: 2024-03-14', 'de')).pass).toBe(true);
  });

  it('a required date that is missing fails and says so', async () => {
    const r = await run({ value: ['date', 'number'] }, 'Es sind 12 Äpfel.', 'de');
    expect(r).toMatchObject({ pass: false });
    expect(r.reason).toContain('no a date');
  });
});

describe('locale-format currency', () => {
  it('ja: ¥ goes before the amount, 円 after it', async () => {
    expect((await run({ value: 'currency', currency: 'JPY' }, '価格は¥1,235です。', 'ja')).pass).toBe(true);
    expect((await run({ value: 'currency', currency: 'JPY' }, '価格は1,235円です。', 'ja')).pass).toBe(true);
    const after = await run({ value: 'currency', currency: 'JPY' }, '価格は1,235¥です。', 'ja');
    expect(after.pass).toBe(false);
    expect(after.reason).toContain('after the amount');
  });

  it('de: € after the amount; en: before it', async () => {
    expect((await run({ value: 'currency', currency: 'EUR' }, 'Preis: 1.234,50 €', 'de')).pass).toBe(true);
    expect((await run({ value: 'currency', currency: 'EUR' }, 'Preis: €1.234,50', 'de')).pass).toBe(false);
    expect(
      (await run({ value: 'currency', currency: ['EUR', 'USD'] }, 'Price: €1,234.50 or $99', 'en')).pass,
    ).toBe(true);
  });
});

describe('locale-format options', () => {
  it('refuses unusable options when compiled', () => {
    expect(() => localeFormat(spec('locale-format', { value: 'time' }))).toThrow(AssertionOptionsError);
    expect(() => localeFormat(spec('locale-format', { digits: 'roman' }))).toThrow(AssertionOptionsError);
    expect(() => localeFormat(spec('locale-format', { currency: 'EURO' }))).toThrow(AssertionOptionsError);
    expect(() => localeFormat(spec('locale-format', { value: 'currency' }))).toThrow(/needs `currency:`/);
    expect(() => localeFormat(spec('locale-format', { locale: 'not a locale!' }))).toThrow(
      AssertionOptionsError,
    );
  });

  it('needs a locale from the case or the options', () => {
    const a = localeFormat(spec('locale-format', {}));
    expect(() => a('1.5', context({ lang: null }))).toThrow(AssertionEvaluationError);
  });

  it('passes an output with nothing to check when nothing is required', async () => {
    expect(await run({}, 'Hallo Welt', 'de')).toMatchObject({
      pass: true,
      reason: 'no numbers, dates or amounts to check',
    });
  });
});
