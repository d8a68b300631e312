import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { check, context, spec } from './helpers.js';

describe('text assertions: NFC and language-aware case folding', () => {
  it('Turkish: İ/i and I/ı fold by the Turkish rules when lang is tr', async () => {
    expect((await check('icontains', { value: 'istanbul' }, 'İSTANBUL’A HOŞ GELDİNİZ', 'tr')).pass).toBe(
      true,
    );
    // In Turkish, I is the capital of dotless ı: ISPARTA is "ısparta", not "isparta".
    expect((await check('icontains', { value: 'isparta' }, 'ISPARTA', 'tr')).pass).toBe(false);
    expect((await check('icontains', { value: 'ısparta' }, 'ISPARTA', 'tr')).pass).toBe(true);
  });

  it('Turkish İ still matches i outside Turkish (no stray combining dot)', async () => {
    expect((await check('icontains', { value: 'istanbul' }, 'İstanbul is big', 'en')).pass).toBe(true);
    expect((await check('icontains', { value: 'isparta' }, 'ISPARTA', 'en')).pass).toBe(true);
  });

  it('German ß folds to ss in both directions', async () => {
    expect((await check('icontains', { value: 'straße' }, 'HAUPTSTRASSE 5', 'de')).pass).toBe(true);
    expect((await check('icontains', { value: 'STRASSE' }, 'die Hauptstraße', 'de')).pass).toBe(true);
    expect((await check('icontains', { value: 'Maß' }, 'MASS', null)).pass).toBe(true);
  });

  it('Greek final sigma and upper-case accent dropping', async () => {
    // ς (final) and σ are one letter; upper-case Greek drops the tonos.
    expect((await check('icontains', { value: 'ΟΔΟΣ' }, 'η οδός Ερμού', 'el')).pass).toBe(true);
    expect((await check('icontains', { value: 'σοφοσ' }, 'ΣΟΦΟΣ', null)).pass).toBe(true);
    expect(
      (await check('icontains-all', { value: ['ΑΘΗΝΑ', 'ελλάδα'] }, 'Η Αθήνα είναι στην ΕΛΛΑΔΑ.', 'el')).pass,
    ).toBe(true);
  });

  it('compares decomposed and composed text alike (NFC)', async () => {
    const decomposed = 'Vie\u0323\u0302t Nam'; // e + dot below + circumflex
    expect((await check('contains', { value: 'Việt Nam' }, decomposed, 'vi')).pass).toBe(true);
    expect((await check('equals', { value: 'caf\u00e9' }, 'cafe\u0301')).pass).toBe(true);
    expect((await check('icontains', { value: 'ÉCOLE' }, 'une e\u0301cole', 'fr')).pass).toBe(true);
  });

  it('works across scripts: ru, es, pt, ar, hi, ja, ko, zh, th', async () => {
    expect((await check('icontains', { value: 'ПРИВЕТ' }, 'привет, мир', 'ru')).pass).toBe(true);
    expect((await check('icontains-any', { value: ['ÑANDÚ', 'gato'] }, 'un ñandú corre', 'es')).pass).toBe(
      true,
    );
    expect((await check('icontains-all', { value: ['não', 'ação'] }, 'Não há ação.', 'pt')).pass).toBe(true);
    expect((await check('contains-all', { value: ['não', 'ação'] }, 'Não há ação.', 'pt')).reason).toBe(
      'output is missing "não"',
    );
    expect((await check('starts-with', { value: 'مرحبا' }, 'مرحبا بك في متجرنا', 'ar')).pass).toBe(true);
    expect((await check('ends-with', { value: 'धन्यवाद।' }, 'आपकी मदद के लिए धन्यवाद।', 'hi')).pass).toBe(true);
    expect((await check('starts-with', { value: 'こんにちは' }, 'こんにちは、田中さん。', 'ja')).pass).toBe(
      true,
    );
    expect((await check('ends-with', { value: '감사합니다.' }, '도와주셔서 감사합니다.', 'ko')).pass).toBe(
      true,
    );
    expect((await check('contains', { value: '退款' }, '我们不提供退货。', 'zh')).pass).toBe(false);
    expect((await check('contains', { value: 'ขอบคุณ' }, 'ขอบคุณมากครับ', 'th')).pass).toBe(true);
  });

  it('reasons name what was missing', async () => {
    const r = await check('contains-all', { value: ['alpha', 'beta', 'gamma'] }, 'alpha only');
    expect(r.reason).toBe('output is missing "beta", "gamma"');
    const e = await check('equals', { value: 'yes' }, 'yes\n');
    expect(e.reason).toContain('differ only in surrounding whitespace');
  });
});

describe('equals with JSON values', () => {
  it('compares structurally, ignoring key order', async () => {
    expect((await check('equals', { value: { a: 1, b: [1, 2] } }, '{"b":[1,2],"a":1}')).pass).toBe(true);
    expect((await check('equals', { value: { a: 1 } }, '{"a":2}')).pass).toBe(false);
    expect((await check('equals', { value: 42 }, 'forty-two')).reason).toContain('not JSON');
  });
});

describe('regex', () => {
  it('honours flags and stays stateless with g', async () => {
    const a = compileAssertion(spec('regex', { value: '^hello', flags: 'gim' }));
    const ctx = context();
    expect((await a('say\nHELLO there', ctx)).pass).toBe(true);
    // With a stateful /g regex the second identical test would fail from lastIndex.
    expect((await a('say\nHELLO there', ctx)).pass).toBe(true);
  });

  it('matches Unicode classes in any script', async () => {
    expect((await check('regex', { value: '^\\p{Script=Han}+。$', flags: 'u' }, '你好世界。')).pass).toBe(
      true,
    );
    expect((await check('regex', { value: '\\p{Script=Cyrillic}', flags: 'u' }, 'only latin')).pass).toBe(
      false,
    );
  });

  it('rejects a pattern that does not compile, at compile time', () => {
    expect(() => compileAssertion(spec('regex', { value: '(unclosed' }))).toThrow(/invalid pattern/);
  });

  it('compiles once for equal options (cache by canonical key)', () => {
    const a = compileAssertion(spec('regex', { value: 'x+', flags: 'i', weight: 1, name: 'a' }));
    const b = compileAssertion({
      ...spec('regex', { flags: 'i', value: 'x+', weight: 3 }),
      pos: { file: 'o', line: 9, col: 9 },
    });
    const c = compileAssertion(spec('regex', { value: 'x+', flags: 'm' }));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});
