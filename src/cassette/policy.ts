/**
 * The one policy function of record/replay: given the mode and what the cassette holds for a
 * request, decide what happens to it.
 */
import type { CassetteEntry } from './types.js';

export type CassetteMode = 'replay' | 'record' | 'auto' | 'live';

/** `replay`: answer from the entry; `record`: call the network and store; `miss`/`expired`: an error case; `pass`: network, nothing stored. */
export type Decision = 'replay' | 'record' | 'miss' | 'expired' | 'pass';

const dayMs = 86_400_000;

/** What the policy reads of an entry (a file entry or a held one). */
type Dated = Pick<CassetteEntry, 'recorded_at'>;

/** Whether an entry is older than `maxAgeDays` at `now`. An unreadable date counts as old. */
export function isExpired(entry: Dated, maxAgeDays: number | undefined, now: number): boolean {
  if (maxAgeDays === undefined) return false;
  const at = Date.parse(entry.recorded_at);
  return Number.isNaN(at) || now - at > maxAgeDays * dayMs;
}

export function decide(
  mode: CassetteMode,
  entry: Dated | undefined,
  maxAgeDays: number | undefined,
  now: number,
): Decision {
  switch (mode) {
    case 'live':
      return 'pass';
    case 'record':
      return 'record';
    case 'replay':
      if (!entry) return 'miss';
      return isExpired(entry, maxAgeDays, now) ? 'expired' : 'replay';
    case 'auto':
      return entry && !isExpired(entry, maxAgeDays, now) ? 'replay' : 'record';
  }
}
