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

  it('keeps nothing for a test that compares no languages', async () => {
    const board = new SiblingBoard([en, de, plain]);
    board.publish(plain, 'kept nowhere');
    expect(await board.outputs(plain)).toEqual({ en: null });
  });
});
