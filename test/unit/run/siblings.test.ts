import { describe, expect, it } from 'vitest';
import { SiblingBoard } from '../../../src/run/siblings.js';
import { makeCase, spec } from '../assertions/helpers.js';

describe('SiblingBoard', () => {
  const consistent = [spec('consistent', {})];
  const en = makeCase(consistent, { lang: 'en', test_id: 'refund' });
  const de = makeCase(consistent, { lang: 'de', test_id: 'refund' });
  const plain = makeCase([spec('contains', { value: 'x' })], { lang: 'en', test_id: 'other' });

  it("resolves a test's outputs once every language has published", async () => {
    const board = new SiblingBoard([en, de, plain]);
    let resolved: Record<string, string | null> | undefined;
    void board.outputs(en).then((o) => {
      resolved = o;
    });
    board.publish(en, 'Refund within 30 days.');
    await Promise.resolve();
    expect(resolved).toBeUndefined();
    board.publish(de, null);
    expect(await board.outputs(de)).toEqual({ en: 'Refund within 30 days.', de: null });
  });

  it('works out a shared key once for all the languages of a test, and per call outside one', async () => {
    const board = new SiblingBoard([en, de, plain]);
    let made = 0;
    const make = async () => ++made;
    const first = board.shared(en, 'de vs en', make);
    expect(await board.shared(de, 'de vs en', make)).toBe(await first);
    expect(await board.shared(de, 'fr vs en', make)).toBe(2);
    expect(made).toBe(2);
    await board.shared(plain, 'de vs en', make);
    await board.shared(plain, 'de vs en', make);
    expect(made).toBe(4);
  });

  it('keeps nothing for a test that compares no languages', async () => {
    const board = new SiblingBoard([en, de, plain]);
    board.publish(plain, 'kept nowhere');
    expect(await board.outputs(plain)).toEqual({ en: null });
  });
});
