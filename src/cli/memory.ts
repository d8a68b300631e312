/**
 * Keeps the heap of long runs near what they really hold, for the CLI process only (the library
 * never tunes V8). V8 sizes its heap from the live data, and a run that keeps 100,000 results
 * alive lets garbage pile up to several times that before it collects. The guard looks at the
 * heap every 256 finished cases and asks for a full collection once it is more than 1.5× what
 * survived the previous one (and above 160 MB), so short runs never pay for it.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const CHECK_EVERY = 256;
const FLOOR_BYTES = 160 * 1024 * 1024;
const GROWTH = 1.5;

let collect: (() => void) | null | undefined;

/** V8's `gc()`, exposed on first use; null where the runtime refuses. */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

let growthSet = false;

/**
 * Asks V8 to let the old generation grow to 1.5× what survived a collection, instead of up to
 * 4×; its own collections stay incremental and concurrent, unlike the full one the guard forces.
 * Called once per process, when the run starts: long runs keep a smaller heap at the same wall
 * time (bench/README.md).
 */
export function limitHeapGrowth(cases: number): void {
  if (!growthSet) {
    growthSet = true;
    setFlagsFromString('--heap-growing-percent=50');
  }
  // The limit in force was set by the last collection, with the old factor: a long run collects
  // once (a few tens of ms), a short one never gets near the limit. The collection waits for the
  // next turn of the event loop, so the first requests are out before it and it runs while they
  // are answered. Below 5,000 cases the heap stays small whatever the factor, and the collection
  // would cost more than it saves.
  if (cases >= 5000) setImmediate(() => collector()?.());
}

export class MemoryGuard {
  private count = 0;
  private live = 0;
  /** Full collections the guard asked for (reported by the benchmark). */
  collections = 0;

  /** Call once per finished case. */
  tick(): void {
    if (++this.count % CHECK_EVERY !== 0) return;
    const used = getHeapStatistics().used_heap_size;
    if (used < FLOOR_BYTES || used < this.live * GROWTH) return;
    const gc = collector();
    if (!gc) return;
    gc();
    this.collections++;
    this.live = getHeapStatistics().used_heap_size;
  }
}
