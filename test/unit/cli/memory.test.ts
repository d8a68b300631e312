import { describe, expect, it } from 'vitest';
import { MemoryGuard } from '../../../src/cli/memory.js';

describe('memory guard', () => {
  it('leaves small heaps alone', () => {
    const guard = new MemoryGuard();
    for (let i = 0; i < 1024; i++) guard.tick();
    expect(guard.collections).toBe(0);
  });

  it('collects once the heap passes its floor, then only after 1.5x growth', () => {
    const guard = new MemoryGuard();
    // ~200 MB of live arrays of doubles (8 bytes each, on the V8 heap): above the 160 MB floor.
    const live: number[][] = [];
    for (let i = 0; i < 25; i++) live.push(new Array<number>(1_000_000).fill(i + 0.5));
    for (let i = 0; i < 256; i++) guard.tick();
    expect(guard.collections).toBe(1);
    // Nothing grew since: the next checks must not collect again.
    for (let i = 0; i < 1024; i++) guard.tick();
    expect(guard.collections).toBe(1);
    expect(live).toHaveLength(25);
  });
});
