import { describe, expect, it } from 'vitest';
import { fnv1a, inShard, parseShard } from '../../../src/run/shard.js';

describe('shards', () => {
  it('hashes with FNV-1a (published test vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('puts every case in exactly one shard, and spreads them evenly', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `suite/test-${i}/qwen-max#0`);
    const n = 4;
    const sizes = [0, 0, 0, 0];
    for (const id of ids) {
      const owners = [1, 2, 3, 4].filter((k) => inShard(id, { index: k, count: n }));
      expect(owners).toHaveLength(1);
      sizes[owners[0]! - 1]!++;
    }
    for (const s of sizes) expect(Math.abs(s - 1000)).toBeLessThan(120);
  });

  it('parses k/n', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
  });
});
