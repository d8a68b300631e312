import { describe, expect, it } from 'vitest';
import { createQevalMatchers, qevalMatchers } from '../../../src/vitest/index.js';

expect.extend(qevalMatchers);

describe('toPass', () => {
  it('passes a text that passes every assertion', async () => {
    await expect('The capital of France is Paris.').toPass({ type: 'contains', value: 'Paris' });
    await expect('The capital of France is Paris.').toPass([
      { type: 'icontains', value: 'paris' },
      { type: 'length', max: 10, unit: 'words' },
    ]);
  });

  it('fails with the assertion and its reason as the suite report gives them', async () => {
    await expect(expect('The capital is Lyon.').toPass({ type: 'contains', value: 'Paris' })).rejects.toThrow(
      'expected text to pass contains "Paris": output does not contain "Paris"',
    );
  });

  it('names only the assertions that failed, by their name when they have one', async () => {
    const err = await expect('Lyon')
      .toPass([
        { type: 'contains', value: 'Lyon' },
        { type: 'regex', value: '^P', name: 'starts with P' },
      ])
      .catch((e: Error) => e);
    expect(String(err)).toContain('expected text to pass starts with P: ');
    expect(String(err)).not.toContain('contains "Lyon"');
    expect(String(err)).toContain('Received: "Lyon"');
  });

  it('supports .not', async () => {
    await expect('The capital is Lyon.').not.toPass({ type: 'contains', value: 'Paris' });
    await expect(expect('Paris').not.toPass({ type: 'contains', value: 'Paris' })).rejects.toThrow(
      /expected text not to pass, but it did:\n {2}contains "Paris": output contains "Paris"/,
    );
  });

  it('folds case by the `lang` given', async () => {
    // Turkish folds İ to i and I to ı: "ISTANBUL" does not contain "istanbul" as Turkish.
    await expect('İSTANBUL').toPass({ type: 'icontains', value: 'istanbul' }, { lang: 'tr' });
    await expect('ISTANBUL').not.toPass({ type: 'icontains', value: 'istanbul' }, { lang: 'tr' });
    await expect('ISTANBUL').toPass({ type: 'icontains', value: 'istanbul' });
    await expect(
      expect('ISTANBUL').toPass({ type: 'icontains', value: 'istanbul' }, { lang: 'tr' }),
    ).rejects.toThrow(
      'expected text to pass icontains "istanbul": output does not contain "istanbul" (case folded as tr)',
    );
  });

  it('takes the language assertion’s expected language from `lang`', async () => {
    const arabic = 'مرحبا بكم في موقعنا، نحن سعداء بزيارتكم ونتمنى لكم يوما سعيدا';
    await expect(arabic).toPass({ type: 'language' }, { lang: 'ar' });
    await expect(arabic).not.toPass({ type: 'language' }, { lang: 'fr' });
  });

  it('refuses an invalid assertion with the message a suite would give', async () => {
    await expect(expect('x').toPass({ type: 'contain', value: 'x' })).rejects.toThrow(
      /toPass: invalid assertion\n {2}assert\[0\]\.type .*did you mean contains/,
    );
    await expect(expect('x').toPass({ type: 'contains', value: 'x', flags: 'i' })).rejects.toThrow(
      /unknown option "flags" for assertion type contains; allowed: /,
    );
    await expect(expect('x').toPass({ type: 'regex', value: '(' })).rejects.toThrow(
      /assert\[0\]\.value {2}regex does not compile/,
    );
    await expect(expect('x').toPass({ type: 'contains', value: 'x' }, { lang: 'not a tag' })).rejects.toThrow(
      /toPass: invalid assertion\n {2}lang {2}must be a BCP-47 language tag such as en, zh, ar or pt-BR, got "not a tag"/,
    );
  });

  it('refuses a text that is not a string', async () => {
    await expect(expect(42).toPass({ type: 'contains', value: '4' })).rejects.toThrow(
      'toPass: expected the text to check as a string, got number',
    );
  });
});

describe('toMatchLanguage', () => {
  it('passes text in the language and fails text in another', async () => {
    await expect('Bonjour, comment allez-vous aujourd’hui ? Il fait très beau.').toMatchLanguage('fr');
    await expect(
      expect('Hello, how are you today? The weather is very nice.').toMatchLanguage('ar'),
    ).rejects.toThrow(/expected text to pass language "ar": expected ar but the output is in en/);
  });
});

describe('createQevalMatchers', () => {
  it('refuses an unknown mode naming those allowed', async () => {
    const m = createQevalMatchers({ mode: 'replayed' as never });
    expect.extend({ toPassWithBadMode: m.toPass });
    await expect(
      (expect('x') as unknown as { toPassWithBadMode: (a: unknown) => Promise<void> }).toPassWithBadMode({
        type: 'llm-rubric',
        value: 'is x',
      }),
    ).rejects.toThrow('qeval matchers option mode: "replayed" is not one of replay, record, auto, live');
  });
});
