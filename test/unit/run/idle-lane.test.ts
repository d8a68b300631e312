import { describe, expect, it } from 'vitest';
import { IdleLane } from '../../../src/run/idle-lane.js';

describe('IdleLane', () => {
  it('lets callers through in order, one per turn of the event loop', async () => {
    const lane = new IdleLane();
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: Array<[number, number]> = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        await lane.turn();
        seen.push([i, turns]);
      }),
    );
    ticking = false;
    expect(seen.map(([i]) => i)).toEqual([0, 1, 2, 3]);
    // Another turn of the loop ran between every two callers.
    for (let k = 1; k < seen.length; k++) expect(seen[k]![1]).toBeGreaterThan(seen[k - 1]![1]);
  });
});
