import { describe, expect, it } from 'vitest';
import { holm } from '../../../src/stats/holm.js';

describe('holm', () => {
  it('multiplies the i-th smallest by (m − i + 1), keeps order and monotonicity', () => {
    // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06
    const adj = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adj[0]).toBeCloseTo(0.03, 15);
    expect(adj[1]).toBeCloseTo(0.06, 15);
    expect(adj[2]).toBeCloseTo(0.06, 15);
    expect(adj[3]).toBeCloseTo(0.02, 15);
  });

  it('caps at 1', () => {
    expect(holm([0.5, 0.6, 0.9])).toEqual([1, 1, 1]);
  });

  it('leaves a single p-value alone and handles none', () => {
    expect(holm([0.003])).toEqual([0.003]);
    expect(holm([])).toEqual([]);
  });
});
