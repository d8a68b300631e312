import { describe, expect, it } from 'vitest';
import {
  mcnemarPower,
  minDetectableDifference,
  minDiscordantPairs,
} from '../../../../src/stats/power/min-detectable.js';

// References: Connor (1987) sample-size formula n = (z₀.₉₇₅√ψ + z₀.₈√(ψ−δ²))²/δ², evaluated in
// python3 with statistics.NormalDist: ψ = 0.2, δ = 0.1 → n = 154.5986.
describe('minDiscordantPairs', () => {
  it('is 6 at α = 0.05 (2/64 < 0.05 ≤ 2/32) and 8 at α = 0.01', () => {
    expect(minDiscordantPairs(0.05)).toBe(6);
    // 2/2⁸ = 0.0078 < 0.01 ≤ 2/2⁷ = 0.0156
    expect(minDiscordantPairs(0.01)).toBe(8);
  });
});

describe('mcnemarPower', () => {
  it("reaches 80% at Connor's sample size", () => {
    expect(mcnemarPower(154.59856956021096, 0.1, { discordance: 0.2 })).toBeCloseTo(0.8, 4);
  });

  it('n = 300, δ = 0.05, ψ = 0.1: Φ((√300·0.05 − 1.96·√0.1)/√0.0975) = 0.78482', () => {
    expect(mcnemarPower(300, 0.05, { discordance: 0.1 })).toBeCloseTo(0.78482, 4);
  });

  it('grows with n', () => {
    expect(mcnemarPower(1000, 0.05, { discordance: 0.1 })).toBeGreaterThan(
      mcnemarPower(300, 0.05, { discordance: 0.1 }),
    );
  });
});

describe('minDetectableDifference', () => {
  it("inverts Connor's formula", () => {
    expect(minDetectableDifference(154.59856956021096, { discordance: 0.2 })).toBeCloseTo(0.1, 4);
  });

  it('never goes below the exact floor of 6 discordant pairs', () => {
    // 20 tests: 6/20 = 0.3 at the very least
    expect(minDetectableDifference(20, { discordance: 0.01 })).toBeGreaterThanOrEqual(0.3);
  });

  it('a 40-test set cannot detect 5 points; 2,000 tests can', () => {
    expect(minDetectableDifference(40, { discordance: 0.1 })).toBeGreaterThan(0.05);
    expect(minDetectableDifference(2000, { discordance: 0.1 })).toBeLessThan(0.05);
  });

  it('is 1 for no pairs', () => {
    expect(minDetectableDifference(0, { discordance: 0.1 })).toBe(1);
  });
});
