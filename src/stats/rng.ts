/**
 * A small seeded PRNG (mulberry32) so the bootstrap gives the same interval for the same seed on
 * every machine. Not cryptographic; 32 bits of state is plenty for 10,000 resamples.
 */

/** A function returning uniform floats in [0, 1). */
export type Rng = () => number;

/** Creates a deterministic generator from an integer seed (any finite number; it is hashed to 32 bits). */
export function createRng(seed: number): Rng {
  // Mix the seed first so nearby seeds (1, 2, 3…) do not give correlated first draws.
  let state = Math.imul((Math.trunc(seed) ^ 0x9e3779b9) >>> 0, 0x85ebca6b) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
