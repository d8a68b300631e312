/** Retry timing: exponential backoff with full jitter, `Retry-After`, abortable sleeps. */

/** Statuses worth another attempt: timeouts, conflicts, rate limits and server faults. */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

export interface BackoffPolicy {
  /** First delay's ceiling; doubles each attempt. */
  baseMs: number;
  /** Ceiling of any computed delay. */
  capMs: number;
  /** A `Retry-After` beyond this is not waited for: the attempt fails instead. */
  retryAfterMaxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, capMs: 30_000, retryAfterMaxMs: 120_000 };

/**
 * Full jitter (a uniform draw in [0, min(cap, base·2^attempt)]): spreads many clients hit by the
 * same 429 instead of having them retry in lock-step. `attempt` is 0 for the first retry.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Parses `Retry-After`: delta seconds (possibly fractional) or an HTTP date. Returns
 * milliseconds from `now`, at least 0; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names its month; without the check Date.parse would read "-3" as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
