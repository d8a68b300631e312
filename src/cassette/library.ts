/**
 * The cassettes of a run in memory: one per suite file, plus one index over all of them so a
 * look-up is a single Map get. Writes go back to the suite's own file.
 */
import { firstMessageOf } from './key.js';
import type { NearCandidate } from './nearest.js';
import { cassettePath, readCassette, streamCassette } from './store.js';
import type { CassetteEntry } from './types.js';

/** One cassette file as loaded. */
export interface LoadedCassette {
  path: string;
  suite: string;
  note?: string;
  entries: Map<string, CassetteEntry>;
  /** Changed since loading: written on close. */
  dirty: boolean;
  /** Built on the first miss in this cassette (see {@link CassetteLibrary.candidatesOf}). */
  candidates?: MissCandidate[];
}

/** An entry as a miss compares against it: the request parsed, its first message canonical. */
export type MissCandidate = NearCandidate & Pick<CassetteEntry, 'recorded_at'>;

export class CassetteLibrary {
  private readonly byPath = new Map<string, LoadedCassette>();
  private readonly bySuite = new Map<string, LoadedCassette>();
  /** Every entry of every file, by key. */
  private readonly index = new Map<string, CassetteEntry>();
  private allCandidates: MissCandidate[] | undefined;

  /** Reads each suite's cassette (a missing file is an empty cassette). */
  static async load(
    suites: Array<{ name: string; file: string }>,
    options: { dir?: string; read: boolean; note?: string },
  ): Promise<CassetteLibrary> {
    const lib = new CassetteLibrary();
    // The next file is read while this one is indexed (at most two files in memory at once).
    const paths = [...new Set(suites.map((s) => cassettePath(s, options.dir)))];
    const reads = new Map<string, ReturnType<typeof readCassette>>();
    const prefetch = (i: number) => {
      const path = paths[i];
      if (!options.read || path === undefined || reads.has(path)) return;
      const read = readCassette(path);
      // Awaited when its turn comes; a failure while an earlier file fails is not unhandled.
      read.catch(() => undefined);
      reads.set(path, read);
    };
    prefetch(0);
    for (const suite of suites) {
      const path = cassettePath(suite, options.dir);
      let cassette = lib.byPath.get(path);
      if (!cassette) {
        prefetch(paths.indexOf(path) + 1);
        const pending = reads.get(path);
        reads.delete(path);
        const file = options.read ? await (pending ?? readCassette(path)) : undefined;
        cassette = { path, suite: file?.suite ?? suite.name, entries: new Map(), dirty: false };
        const note = options.note ?? file?.note;
        if (note !== undefined) cassette.note = note;
        if (file) {
          for (const entry of Object.values(file.entries)) {
            cassette.entries.set(entry.key, entry);
            lib.index.set(entry.key, entry);
          }
        }
        lib.byPath.set(path, cassette);
      }
      lib.bySuite.set(suite.name, cassette);
    }
    return lib;
  }

  /** The suite's own entry first (two suites may share a request), then any file's. */
  lookup(key: string, suite: string | undefined): CassetteEntry | undefined {
    const own = suite === undefined ? undefined : this.bySuite.get(suite)?.entries.get(key);
    return own ?? this.index.get(key);
  }

  /** The cassette a suite's calls are stored in; calls without a known suite go to the first. */
  cassetteFor(suite: string | undefined): LoadedCassette | undefined {
    return (suite === undefined ? undefined : this.bySuite.get(suite)) ?? this.byPath.values().next().value;
  }

  /** Stores an entry (replacing one with the same key) in the suite's cassette. */
  put(entry: CassetteEntry, suite: string | undefined): void {
    const cassette = this.cassetteFor(suite);
    if (!cassette) return;
    cassette.entries.set(entry.key, entry);
    cassette.dirty = true;
    this.index.set(entry.key, entry);
    cassette.candidates = undefined;
    this.allCandidates = undefined;
  }

  /** Entries of the suite's cassette, or of all when the suite is unknown. */
  entriesOf(suite: string | undefined): Iterable<CassetteEntry> {
    const own = suite === undefined ? undefined : this.bySuite.get(suite);
    return own ? own.entries.values() : this.index.values();
  }

  /**
   * {@link entriesOf} with their requests parsed, for explaining misses. Built on a cassette's
   * first miss and kept: a run whose prompts changed misses every case, and each miss compares
   * against every entry. Hits never pay for it.
   */
  candidatesOf(suite: string | undefined): MissCandidate[] {
    const own = suite === undefined ? undefined : this.bySuite.get(suite);
    if (own) {
      own.candidates ??= candidates(own.entries.values());
      return own.candidates;
    }
    this.allCandidates ??= candidates(this.index.values());
    return this.allCandidates;
  }

  /** Writes every changed cassette, entries sorted by key (diffs stay small); returns the paths. */
  async save(apiKey: string | undefined): Promise<string[]> {
    const written: string[] = [];
    for (const c of this.byPath.values()) {
      if (!c.dirty) continue;
      const keys = [...c.entries.keys()].sort();
      await streamCassette(
        c.path,
        { suite: c.suite, ...(c.note === undefined ? {} : { note: c.note }) },
        keys.map((key) => [key, c.entries.get(key)!] as const),
        apiKey,
      );
      c.dirty = false;
      written.push(c.path);
    }
    return written;
  }
}

function candidates(entries: Iterable<CassetteEntry>): MissCandidate[] {
  const out: MissCandidate[] = [];
  for (const e of entries) {
    const request = e.request;
    out.push({
      purpose: e.purpose,
      case_id: e.case_id,
      sample: e.sample,
      recorded_at: e.recorded_at,
      request,
      firstMessage: firstMessageOf(request),
    });
  }
  return out;
}
