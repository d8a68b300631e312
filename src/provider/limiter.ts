import { InputError } from '../errors.js';
import { sleep } from './backoff.js';

/**
 * A hard cap on requests in flight. FIFO, so a grader call queued behind test calls waits its
 * turn rather than starving them. A slot is held only while a request is on the wire.
 */
export class Semaphore {
  private available: number;
  private readonly waiters: Array<() => void> = [];
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new InputError(`concurrency must be an integer ≥ 1, got ${capacity}`);
    this.available = capacity;
  }

  /** Waits for a slot. Rejects with the signal's reason if it aborts first (the slot is not taken). */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.available > 0) {
      this.available--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.waiters.shift();
    // Hand the slot straight to the next waiter so nobody can overtake the queue.
    if (next) next();
    else this.available++;
  }

  /** Slots in use (for tests and diagnostics). */
  get inUse(): number {
    return this.capacity - this.available;
  }
}

/**
 * Requests per minute per model: a sliding one-minute window of start times. A start is
 * reserved only when it happens, so no 60-second window ever holds more than `rpm` starts.
 */
export class RateWindow {
  private readonly starts = new Map<string, number[]>();
  constructor(
    readonly rpm: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until `model` may start another request (0 = now). */
  delayFor(model: string): number {
    const times = this.prune(model);
    if (times.length < this.rpm) return 0;
    return Math.max(1, times[0]! + this.windowMs - this.now());
  }

  /** Records a start now. Call only after {@link delayFor} returned 0. */
  take(model: string): void {
    const times = this.prune(model);
    times.push(this.now());
  }

  private prune(model: string): number[] {
    let times = this.starts.get(model);
    if (!times) {
      times = [];
      this.starts.set(model, times);
    }
    const horizon = this.now() - this.windowMs;
    let drop = 0;
    while (drop < times.length && times[drop]! <= horizon) drop++;
    if (drop > 0) times.splice(0, drop);
    return times;
  }
}

/**
 * Takes a concurrency slot and, when a per-model limit is set, a start in that model's window.
 * While the window is full the slot is given back, so other models' requests keep flowing.
 * `onWait` reports each wait for a rate limit.
 */
export async function acquireSlot(
  slots: Semaphore,
  rate: RateWindow | undefined,
  model: string,
  signal: AbortSignal | undefined,
  onWait: (delayMs: number) => void,
): Promise<void> {
  for (;;) {
    if (rate) {
      const wait = rate.delayFor(model);
      if (wait > 0) {
        onWait(wait);
        await sleep(wait, signal);
        continue;
      }
    }
    await slots.acquire(signal);
    if (!rate) return;
    if (rate.delayFor(model) === 0) {
      rate.take(model);
      return;
    }
    // Another request of this model took the last start while we queued for a slot.
    slots.release();
  }
}
