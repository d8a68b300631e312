/**
 * The cassettes of a run in memory: one per suite file, plus one index over all of them so a
 * look-up is a single Map get. Entries are held compactly (held.ts). Writes go back to the
 * suite's own file.
 */
import { fileEntry, type HeldEntry, holdEntry } from './held.js';
import { cassettePath, readCassette, streamCassette } from './store.js';
import type { CassetteEntry } from './types.js';

/** One cassette file as loaded. */
export interface LoadedCassette {
  path: string;
  suite: string;
  note?: string;
  entries: Map<string, HeldEntry>;
  /** Changed since loading: written on close. */
  dirty: boolean;
}

export class CassetteLibrary {
  private readonly byPath = new Map<string, LoadedCassette>();
  private readonly bySuite = new Map<string, LoadedCassette>();
  /** Every entry of every file, by key. */
  private readonly index = new Map<string, HeldEntry>();

  /** Reads each suite's cassette (a missing file is an empty cassette). */
  static async load(
    suites: Array<{ name: string; file: string }>,
    options: { dir?: string; read: boolean; note?: string },
  ): Promise<CassetteLibrary> {
    const lib = new CassetteLibrary();
    for (const suite of suites) {
      const path = cassettePath(suite, options.dir);
      let cassette = lib.byPath.get(path);
      if (!cassette) {
        const file = options.read ? await readCassette(path) : undefined;
        cassette = { path, suite: file?.suite ?? suite.name, entries: new Map(), dirty: false };
        const note = options.note ?? file?.note;
        if (note !== undefined) cassette.note = note;
        if (file) {
          for (const key in file.entries) {
            const entry = holdEntry(file.entries[key]!);
            cassette.entries.set(key, entry);
            lib.index.set(key, entry);
          }
        }
        lib.byPath.set(path, cassette);
      }
      lib.bySuite.set(suite.name, cassette);
    }
    return lib;
  }

  /** The suite's own entry first (two suites may share a request), then any file's. */
  lookup(key: string, suite: string | undefined): HeldEntry | undefined {
    const own = suite === undefined ? undefined : this.bySuite.get(suite)?.entries.get(key);
    return own ?? this.index.get(key);
  }

  /** The cassette a suite's calls are stored in; calls without a known suite go to the first. */
  cassetteFor(suite: string | undefined): LoadedCassette | undefined {
    return (suite === undefined ? undefined : this.bySuite.get(suite)) ?? this.byPath.values().next().value;
  }

  /** Stores an entry (replacing one with the same key) in the suite's cassette. */
  put(recorded: CassetteEntry, suite: string | undefined): void {
    const cassette = this.cassetteFor(suite);
    if (!cassette) return;
    const entry = holdEntry(recorded);
    cassette.entries.set(entry.key, entry);
    cassette.dirty = true;
    this.index.set(entry.key, entry);
  }

  /** Entries of the suite's cassette, or of all when the suite is unknown. */
  entriesOf(suite: string | undefined): Iterable<HeldEntry> {
    const own = suite === undefined ? undefined : this.bySuite.get(suite);
    return own ? own.entries.values() : this.index.values();
  }

  /**
   * Writes every changed cassette; returns the paths written. Each entry's file form is built
   * while it is written, one at a time, so a recording of 100,000 cases is never held twice.
   */
  async save(apiKey: string | undefined): Promise<string[]> {
    const written: string[] = [];
    for (const c of this.byPath.values()) {
      if (!c.dirty) continue;
      const keys = [...c.entries.keys()].sort();
      const entries = c.entries;
      await streamCassette(
        c.path,
        { suite: c.suite, ...(c.note === undefined ? {} : { note: c.note }) },
        (function* () {
          for (const key of keys) yield [key, fileEntry(entries.get(key)!)] as const;
        })(),
        apiKey,
      );
      c.dirty = false;
      written.push(c.path);
    }
    return written;
  }
}
