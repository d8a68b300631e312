import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { acquireSlot, RateWindow, Semaphore } from '../../../src/provider/limiter.js';

describe('Semaphore', () => {
  it('caps holders and hands slots over first in, first out', async () => {
    const s = new Semaphore(2);
    await s.acquire();
    await s.acquire();
    expect(s.inUse).toBe(2);
    const order: number[] = [];
    const a = s.acquire().then(() => order.push(1));
    const b = s.acquire().then(() => order.push(2));
    await Promise.resolve();
    expect(order).toEqual([]);
    s.release();
    await a;
    s.release();
    await b;
    expect(order).toEqual([1, 2]);
    expect(s.inUse).toBe(2);
  });
  it('drops a waiter whose signal aborts, without losing the slot', async () => {
    const s = new Semaphore(1);
    await s.acquire();
    const ac = new AbortController();
    const waiting = s.acquire(ac.signal);
    ac.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    s.release();
    expect(s.inUse).toBe(0);
  });
  it('refuses a capacity below 1', () => {
    expect(() => new Semaphore(0)).toThrow(InputError);
  });
});

describe('RateWindow', () => {
  it('allows rpm starts per sliding minute, per model', () => {
    let now = 0;
    const w = new RateWindow(2, () => now);
    expect(w.delayFor('a')).toBe(0);
    w.take('a');
    now = 10_000;
    w.take('a');
    expect(w.delayFor('a')).toBe(50_000);
    expect(w.delayFor('b')).toBe(0);
    now = 60_001;
    expect(w.delayFor('a')).toBe(0);
  });
});

describe('acquireSlot', () => {
  it('waits for the rate window and reports the wait', async () => {
    let now = 0;
    const rate = new RateWindow(1, () => now, 30);
    const slots = new Semaphore(4);
    const waits: number[] = [];
    await acquireSlot(slots, rate, 'm', undefined, (ms) => waits.push(ms));
    expect(waits).toEqual([]);
    setTimeout(() => {
      now = 31;
    }, 5);
    await acquireSlot(slots, rate, 'm', undefined, (ms) => waits.push(ms));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toBe(30);
    expect(slots.inUse).toBe(2);
  });
});
