/**
 * Work that must not hold up requests in flight (scoring, writing results) waits here for its
 * turn: one caller per turn of the event loop, so the timers and I/O of calls in flight run
 * between them and the time those calls spend waiting is used instead of lost.
 */
export class IdleLane {
  private readonly queue: Array<() => void> = [];
  private scheduled = false;

  /** Resolves when it is this caller's turn. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(this.next);
  }

  private readonly next = (): void => {
    this.scheduled = false;
    this.queue.shift()?.();
    this.schedule();
  };
}
