import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../../src/stats/mcnemar.js';

describe('mcnemarExact', () => {
  it('10 discordant pairs one way and 2 the other: p = 158/4096', () => {
    // 2·(C(12,0)+C(12,1)+C(12,2))/2¹² = 2·79/4096
    const r = mcnemarExact(10, 2);
    expect(r.p).toBeCloseTo(158 / 4096, 14);
    expect(r).toMatchObject({ b: 10, c: 2 });
  });

  it('is symmetric in b and c', () => {
    expect(mcnemarExact(2, 10).p).toBe(mcnemarExact(10, 2).p);
  });

  it('no discordant pairs: p = 1', () => {
    expect(mcnemarExact(0, 0).p).toBe(1);
  });

  it('needs six one-way pairs to reach p < 0.05', () => {
    expect(mcnemarExact(5, 0).p).toBeCloseTo(0.0625, 14);
    expect(mcnemarExact(6, 0).p).toBeCloseTo(0.03125, 14);
  });
});
