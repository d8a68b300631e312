/**
 * The cassettes of a run in memory: one per suite file, plus one index over all of them so a
 * look-up is a single Map get. Writes go back to the suite's own file.
 */
import { cassettePath, readCassette, writeCassette } from './store.js';
import { type CassetteEntry, type CassetteFile, cassetteVersion } from './types.js';

/** One cassette file as loaded. */
export interface LoadedCassette {
  path: string;
  suite: string;
  note?: string;
  entries: Map<string, CassetteEntry>;
  /** Changed since loading: written on close. */
  dirty: boolean;
}

export class CassetteLibrary {
  private readonly byPath = new Map<string, LoadedCassette>();
  private readonly bySuite = new Map<string, LoadedCassette>();
  /** Every entry of every file, by key. */
  private readonly index = new Map<string, CassetteEntry>();

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
          for (const [key, entry] of Object.entries(file.entries)) {
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
  }

  /** Entries of the suite's cassette, or of all when the suite is unknown. */
  entriesOf(suite: string | undefined): Iterable<CassetteEntry> {
    const own = suite === undefined ? undefined : this.bySuite.get(suite);
    return own ? own.entries.values() : this.index.values();
  }

  /** Writes every changed cassette; returns the paths written. */
  async save(apiKey: string | undefined): Promise<string[]> {
    const written: string[] = [];
    for (const c of this.byPath.values()) {
      if (!c.dirty) continue;
      const file: CassetteFile = {
        version: cassetteVersion,
        suite: c.suite,
        entries: Object.fromEntries(c.entries),
      };
      if (c.note !== undefined) file.note = c.note;
      await writeCassette(c.path, file, apiKey);
      c.dirty = false;
      written.push(c.path);
    }
    return written;
  }
}
