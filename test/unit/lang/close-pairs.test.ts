import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/lang/detect.js';

const lang = async (text: string) => (await detectLanguage(text)).lang;

describe('language identification of close relatives', () => {
  it('reads the Russian greeting from issue 18 as Russian, in any case', async () => {
    const text = 'ЗДРАВСТВУЙТЕ, ИВАН! Рад вас видеть, хорошего вам дня.';
    expect(await lang(text)).toBe('ru');
    expect(await lang(text.toLowerCase())).toBe('ru');
    expect(await lang(text.toUpperCase())).toBe('ru');
  });

  it('reads the Russian order notice from issue 20 as Russian, not Bulgarian', async () => {
    const text = 'Здравствуйте, Иван, ваш заказ уже отправлен.';
    expect(await lang(text)).toBe('ru');
    expect(await lang(text.toUpperCase())).toBe('ru');
    expect(await lang('Ваш заказ отправлен сегодня утром курьером.')).toBe('ru');
    expect(await lang('Здравейте, Иван, вашата поръчка вече е изпратена.')).toBe('bg');
    expect(await lang('Пратката ще пристигне утре сутринта с куриер.')).toBe('bg');
  });

  it('tells Russian, Ukrainian and Belarusian apart by their own letters', async () => {
    expect(await lang('Доброго ранку, друзі! Як ваші справи сьогодні?')).toBe('uk');
    expect(await lang('ДОБРОГО РАНКУ, ДРУЗІ! ЯК ВАШІ СПРАВИ СЬОГОДНІ?')).toBe('uk');
    expect(await lang('Добрай раніцы, сябры! Як вашы справы сёння?')).toBe('be');
    expect(await lang('Доброе утро, друзья! Как ваши дела сегодня?')).toBe('ru');
    expect(await lang('ДОБРОЕ УТРО, ДРУЗЬЯ! КАК ВАШИ ДЕЛА СЕГОДНЯ?')).toBe('ru');
  });

  it('tells Portuguese from Spanish by ã õ against ñ ¿ ¡', async () => {
    expect(await lang('Não sei se ele vem amanhã, mas as lições são importantes.')).toBe('pt');
    expect(await lang('NÃO SEI SE ELE VEM AMANHÃ, MAS AS LIÇÕES SÃO IMPORTANTES.')).toBe('pt');
    expect(await lang('¿Dónde está el niño? Mañana vamos a la montaña.')).toBe('es');
  });

  it('tells Czech from Slovak and Swedish from Danish and Norwegian', async () => {
    expect(await lang('Přijďte zítra ráno, čeká nás dlouhá cesta.')).toBe('cs');
    expect(await lang('Príďte zajtra ráno, čaká nás dlhá cesta do mesta.')).toBe('sk');
    expect(await lang('Välkommen hem, jag har lagat mat åt oss i kväll.')).toBe('sv');
    expect(await lang('Jeg har ikke set ham siden i går, han er uden tvivl syg.')).toBe('da');
    expect(await lang('Jeg har ikke sett ham siden i går, han er uten tvil syk.')).toBe('no');
  });

  it('tells Indonesian from Malay by their spellings, else keeps Malay', async () => {
    expect(await lang('Saya tidak bisa datang karena harus bekerja sampai malam.')).toBe('id');
    expect(await lang('Saya tidak boleh datang kerana perlu bekerja sehingga malam.')).toBe('ms');
  });

  it('reads upper-cased Turkish like lower-case Turkish', async () => {
    const text = 'İstanbul çok güzel bir şehir, her yıl milyonlarca insan ziyaret ediyor.';
    expect(await lang(text.toLocaleUpperCase('tr'))).toBe('tr');
    expect(await lang(text.toUpperCase())).toBe('tr');
  });
});
