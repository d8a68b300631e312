import { describe, expect, it } from 'vitest';
import { pairedBootstrapCI } from '../../../src/stats/bootstrap.js';
import { createRng } from '../../../src/stats/rng.js';

describe('pairedBootstrapCI', () => {
  const half = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : 0));

  it('is deterministic for a seed and differs across seeds', () => {
    const a = pairedBootstrapCI(half, { seed: 7 })!;
    const b = pairedBootstrapCI(half, { seed: 7 })!;
    const c = pairedBootstrapCI(half, { seed: 8 })!;
    expect(a).toEqual(b);
    expect([c.low, c.high]).not.toEqual([a.low, a.high]);
  });

  it('agrees with the normal interval on a simple set (mean ½, sd ½, n = 100 → ±0.098)', () => {
    // Reference by hand: 1.96 · 0.5/√100 = 0.098 (the bootstrap's plug-in sd is the population sd).
    const ci = pairedBootstrapCI(half, { seed: 1 })!;
    expect(ci.mean).toBe(0.5);
    expect(ci.method).toBe('percentile');
    expect(ci.resamples).toBe(10_000);
    expect(ci.low).toBeGreaterThan(0.5 - 0.098 - 0.015);
    expect(ci.low).toBeLessThan(0.5 - 0.098 + 0.015);
    expect(ci.high).toBeGreaterThan(0.5 + 0.098 - 0.015);
    expect(ci.high).toBeLessThan(0.5 + 0.098 + 0.015);
  });

  it('collapses to the value when every delta is the same', () => {
    const ci = pairedBootstrapCI([-0.25, -0.25, -0.25], { seed: 3 })!;
    expect(ci).toMatchObject({ mean: -0.25, low: -0.25, high: -0.25 });
  });

  it('a wider level gives a wider interval', () => {
    const w95 = pairedBootstrapCI(half, { seed: 1 })!;
    const w99 = pairedBootstrapCI(half, { seed: 1, level: 0.99 })!;
    expect(w99.high - w99.low).toBeGreaterThan(w95.high - w95.low);
  });

  it('switches to the normal interval for huge sets', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const ci = pairedBootstrapCI(big)!;
    expect(ci.method).toBe('normal');
    // mean 0.25, sample sd √(0.25·0.75·n/(n−1)) ≈ 0.43303; ±1.95996·0.43303/100
    expect(ci.low).toBeCloseTo(0.25 - 0.0084871, 5);
    expect(ci.high).toBeCloseTo(0.25 + 0.0084871, 5);
  });

  it('is null when there is nothing to resample', () => {
    expect(pairedBootstrapCI([])).toBeNull();
  });
});

describe('createRng', () => {
  it('gives uniform floats in [0, 1), the same sequence for the same seed', () => {
    const r1 = createRng(42);
    const r2 = createRng(42);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r1();
      expect(x).toBe(r2());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    // mean of 10,000 uniforms: sd 0.289/100, so ±0.01 is > 3 sd
    expect(sum / 10_000).toBeGreaterThan(0.49);
    expect(sum / 10_000).toBeLessThan(0.51);
  });
});
