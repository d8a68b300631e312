/**
 * The abort signal of one HTTP attempt (its timeout, or the run's Ctrl-C), made light.
 *
 * fetch accepts any object that looks like an AbortSignal (`aborted`, `reason`,
 * `addEventListener`), as it must for AbortSignal polyfills. A real AbortController per call costs
 * a transferable EventTarget, and undici then asks node:events for the signal's listener limit
 * and raises it on every call; over 10,000 live calls that is about 0.2 s of the main thread
 * (`npm run bench`). This one is a flag, a reason and a short list of listeners. The listener-limit
 * members answer node:events' `getMaxListeners`/`getEventListeners` the way an EventEmitter would,
 * so those questions are answered instead of throwing (undici catches the throw, but it is dear).
 */
type Listener = (this: CallSignal, event: { type: 'abort' }) => void;

export class CallSignal {
  aborted = false;
  reason: unknown = undefined;
  /** Read by node:events' getMaxListeners(): above the default, so undici leaves it be. */
  readonly _maxListeners = 1500;
  private readonly abortListeners: Listener[] = [];

  addEventListener(type: string, listener: Listener): void {
    if (type === 'abort' && typeof listener === 'function') this.abortListeners.push(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    if (type !== 'abort') return;
    const i = this.abortListeners.indexOf(listener);
    if (i !== -1) this.abortListeners.splice(i, 1);
  }

  /** As EventEmitter#getMaxListeners (node:events asks for it). */
  getMaxListeners(): number {
    return this._maxListeners;
  }

  /** As EventEmitter#listeners (node:events' getEventListeners asks for it). */
  listeners(type: string): Listener[] {
    return type === 'abort' ? [...this.abortListeners] : [];
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Aborts once: every listener is called (and dropped) with the signal as `this`. */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new DOMException('This operation was aborted', 'AbortError');
    const listeners = this.abortListeners.splice(0);
    for (const l of listeners) l.call(this, { type: 'abort' });
  }

  /** For fetch's `signal`, typed as the DOM's. */
  asAbortSignal(): AbortSignal {
    return this as unknown as AbortSignal;
  }
}
