import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { spec } from './helpers.js';

describe('compiled assertion cache', () => {
  it('shares one compiled assertion between equal options, wherever they come from', () => {
    const a = compileAssertion(spec('regex', { value: '^cache-[0-9]+$' }));
    const b = compileAssertion(spec('regex', { value: '^cache-[0-9]+$', weight: 2, name: 'other' }));
    expect(b).toBe(a);
    // Key order does not matter, nor does an option left undefined.
    const c = compileAssertion({ value: '^cache-[0-9]+$', type: 'regex', flags: undefined } as never);
    expect(c).toBe(a);
  });

  it('keeps options that change the result apart', () => {
    const plain = compileAssertion(spec('regex', { value: '^Cache$' }));
    const folded = compileAssertion(spec('regex', { value: '^Cache$', flags: 'i' }));
    expect(folded).not.toBe(plain);
    expect(plain('cache', {} as never)).toMatchObject({ pass: false });
    expect(folded('cache', {} as never)).toMatchObject({ pass: true });
    expect(compileAssertion(spec('not-regex', { value: '^Cache$' }))).not.toBe(plain);
    expect(compileAssertion(spec('regex', { value: '^Cache.$' }))).not.toBe(plain);
  });
});
