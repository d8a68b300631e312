/**
 * `qeval cassettes check`: which tests have no recording, and which recorded entries no test
 * uses any more. A grader entry counts as used while the test that made it exists, since its
 * request depends on the model's answer and cannot be recomputed without replaying.
 */
import type { Case } from '../contracts/case.js';
import type { GatewayRequest } from '../contracts/chat.js';
import { requestKey } from './key.js';
import { cassettePath, readCassette, writeCassette } from './store.js';
import type { CassetteEntry, CassetteFile } from './types.js';

export interface MissingRecording {
  case_id: string;
  suite_file: string;
  line: number;
  col: number;
  cassette: string;
}

export interface UnusedEntry {
  cassette: string;
  key: string;
  case_id: string;
  purpose: CassetteEntry['purpose'];
}

export interface CheckResult {
  missing: MissingRecording[];
  unused: UnusedEntry[];
  /** Cassette files read (existing ones). */
  cassettes: string[];
  /** Entries removed, with --prune. */
  pruned: number;
}

/**
 * Compares the cases of the suites with their cassettes; with `prune`, rewrites each cassette
 * without its unused entries. Skipped tests are neither missing nor unused.
 */
export async function checkCassettes(
  suites: Array<{ name: string; file: string }>,
  cases: Case[],
  options: {
    dir?: string;
    prune?: boolean;
    /** The first request a case sends, when it is not `c.request` (a simulated user opens the dialogue). */
    firstRequest?: (c: Case) => GatewayRequest;
  } = {},
): Promise<CheckResult> {
  const files = new Map<string, CassetteFile | undefined>();
  const pathOf = new Map<string, string>();
  for (const s of suites) {
    const path = cassettePath(s, options.dir);
    pathOf.set(s.name, path);
    if (!files.has(path)) files.set(path, await readCassette(path));
  }
  const used = new Map<string, Set<string>>();
  const caseIds = new Map<string, Set<string>>();
  const missing: MissingRecording[] = [];
  const simulated = new Set(cases.filter((c) => c.simulate !== undefined).map((c) => c.id));
  for (const c of cases) {
    const path = pathOf.get(c.suite);
    if (path === undefined) continue;
    const ids = caseIds.get(path) ?? new Set<string>();
    ids.add(c.id);
    caseIds.set(path, ids);
    const key = requestKey(options.firstRequest?.(c) ?? c.request, c.sample);
    const keys = used.get(path) ?? new Set<string>();
    keys.add(key);
    used.set(path, keys);
    if (c.skip) continue;
    if (!files.get(path)?.entries[key]) {
      missing.push({
        case_id: c.id,
        suite_file: c.pos.file,
        line: c.pos.line,
        col: c.pos.col,
        cassette: path,
      });
    }
  }
  const unused: UnusedEntry[] = [];
  let pruned = 0;
  for (const [path, file] of files) {
    if (!file) continue;
    const keys = used.get(path) ?? new Set<string>();
    const ids = caseIds.get(path) ?? new Set<string>();
    const stale = Object.values(file.entries).filter(
      // Grader and simulated-user calls, later steps of a tool loop and every step of a simulated
      // dialogue are keyed by what was said before.
      (e) =>
        !keys.has(e.key) &&
        !((e.purpose !== 'test' || (e.step ?? 1) > 1 || simulated.has(e.case_id)) && ids.has(e.case_id)),
    );
    for (const e of stale)
      unused.push({ cassette: path, key: e.key, case_id: e.case_id, purpose: e.purpose });
    if (options.prune && stale.length > 0) {
      const entries = { ...file.entries };
      for (const e of stale) delete entries[e.key];
      await writeCassette(path, { ...file, entries });
      pruned += stale.length;
    }
  }
  return {
    missing,
    unused,
    cassettes: [...files.entries()].filter(([, f]) => f !== undefined).map(([p]) => p),
    pruned,
  };
}
