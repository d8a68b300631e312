/**
 * `qeval run --watch`: one run, then a run of the affected suites each time a suite, a file it
 * reads (a `file://` prompt, a dataset) or its cassette is saved. Saves are debounced; a save
 * during a run queues one more run (of every suite saved meanwhile), never one per save. Files the
 * runs write themselves (reports, cassettes recorded by the run) start nothing.
 */
import { type FSWatcher, watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { cassettePath, loadSuites, resolveRunSettings, type Settings, type Suite } from '../index.js';
import { reportError } from './report-error.js';
import { stdout } from './terminal.js';

/** Quiet time after the last save before a run starts: an editor's save is several events. */
const DEBOUNCE_MS = 200;

export interface WatchOptions {
  paths: string[];
  config?: string;
  settings: Partial<Settings>;
  /** One run of these suite paths (all of them when undefined); resolves with its exit code. */
  runOnce: (paths: string[] | undefined) => Promise<number>;
}

/** Watches until Ctrl-C; resolves with 0, or 130 when Ctrl-C cut a run short. */
export async function watchRuns(options: WatchOptions): Promise<number> {
  const cwd = process.cwd();
  const { suitePaths, settings } = await resolveRunSettings({
    paths: options.paths,
    settings: options.settings,
    ...(options.config ? { config: options.config } : {}),
  });
  const outDir = resolve(cwd, settings.output);
  const cassetteDir = settings.cassettes ? resolve(cwd, settings.cassettes) : undefined;

  let suites: Suite[] = [];
  /** mtime of each cassette when the last run ended: a save the run made itself is not a change. */
  const written = new Map<string, number>();
  const refresh = async () => {
    suites = await loadSuites(suitePaths, { cwd }).then(
      (loaded) => loaded.suites,
      () => suites,
    );
    for (const s of suites) {
      const path = cassettePath(s, cassetteDir);
      const st = await stat(path).catch(() => null);
      if (st) written.set(path, st.mtimeMs);
    }
  };

  /** Files saved since the last run started; what they concern is worked out when it starts. */
  const saved = new Set<string>();
  let running = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((r) => {
    finish = r;
  });

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void next(), DEBOUNCE_MS);
  };

  /** Runs the suites the saves concern (all of them the first time), then waits or goes again. */
  const next = async (first = false) => {
    if (running || stopping) return;
    running = true;
    let code: number | undefined;
    try {
      const paths = first ? undefined : await affectedSuites();
      if (paths?.length !== 0) {
        // A suite being edited may not be valid yet: say why, and keep watching.
        code = await options.runOnce(paths).catch(reportError);
        await refresh();
      }
    } finally {
      running = false;
    }
    if (stopping) return finish(code === 130 ? 130 : 0);
    if (saved.size > 0) schedule();
    else if (code !== undefined) stdout('\n[watch] waiting for changes (Ctrl-C to leave)\n');
  };

  /** The suite files the saves concern (said on the terminal); a cassette a run wrote concerns none. */
  const affectedSuites = async (): Promise<string[]> => {
    const files = [...saved].sort();
    saved.clear();
    const found = new Set<string>();
    for (const path of files) {
      const st = await stat(path).catch(() => null);
      if (st && written.get(path) === st.mtimeMs) continue;
      for (const f of await suitesReading(path, suites, cassetteDir)) found.add(f);
    }
    const paths = [...found].sort();
    if (paths.length > 0) {
      const names = (list: string[]) => list.map((f) => relative(cwd, f)).join(', ');
      stdout(
        `\n[watch] ${new Date().toLocaleTimeString('en-GB')} changed: ${names(files)} → running ${paths.length} suite(s): ${names(paths)}\n`,
      );
    }
    return paths;
  };

  const watchers: FSWatcher[] = [];
  for (const root of await watchRoots(suitePaths, cwd, suites, cassetteDir)) {
    const w = watch(root.path, { recursive: root.recursive }, (_event, name) => {
      if (!name) return;
      const path = join(root.path, name.toString());
      if (ignored(path, outDir)) return;
      saved.add(path);
      // Saves during a run wait for it to end: then one more run takes them all.
      if (!running) schedule();
    });
    w.on('error', () => undefined);
    watchers.push(w);
  }

  const onSigint = () => {
    stopping = true;
    clearTimeout(timer);
    for (const w of watchers) w.close();
    if (!running) finish(0);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    await refresh();
    void next(true);
    return await done;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    for (const w of watchers) w.close();
  }
}

/** The output folder, hidden files (locks, temp files of atomic writes) and temp files start nothing. */
function ignored(path: string, outDir: string): boolean {
  return (
    path === outDir ||
    path.startsWith(outDir + sep) ||
    basename(path).startsWith('.') ||
    path.endsWith('.tmp')
  );
}

/** Folders to watch: each suite folder given (recursively), the folder of each suite file given, cassette folders. */
async function watchRoots(
  suitePaths: string[],
  cwd: string,
  suites: Suite[],
  cassetteDir: string | undefined,
): Promise<Array<{ path: string; recursive: boolean }>> {
  const roots = new Map<string, boolean>();
  for (const p of suitePaths) {
    const abs = resolve(cwd, p);
    const st = await stat(abs).catch(() => null);
    if (st?.isDirectory()) roots.set(abs, true);
    else if (st) roots.set(dirname(abs), roots.get(dirname(abs)) ?? false);
  }
  for (const s of suites) {
    const folder = dirname(cassettePath(s, cassetteDir));
    if (await stat(folder).catch(() => null)) roots.set(folder, roots.get(folder) ?? false);
  }
  // A folder watched recursively already covers the folders under it.
  const recursive = [...roots].filter(([, r]) => r).map(([p]) => p);
  return [...roots]
    .filter(([p, r]) => r || !recursive.some((q) => p === q || p.startsWith(q + sep)))
    .map(([path, r]) => ({ path, recursive: r }));
}

/**
 * The suite files a saved file concerns: itself when it is a suite (or a new one), the suite whose
 * cassette it is, else the suites that name it (a prompt or dataset they read), else every suite
 * in its folder.
 */
async function suitesReading(
  path: string,
  suites: Suite[],
  cassetteDir: string | undefined,
): Promise<string[]> {
  if (suites.some((s) => s.file === path)) return [path];
  if (/\.ya?ml$/.test(path) && !path.includes(`${sep}__cassettes__${sep}`)) {
    return (await stat(path).catch(() => null))?.isFile() ? [path] : [];
  }
  const owner = suites.filter((s) => cassettePath(s, cassetteDir) === path);
  if (owner.length > 0) return owner.map((s) => s.file);
  if (path.endsWith('.json') && basename(dirname(path)) === '__cassettes__') return [];
  const name = basename(path);
  const naming: string[] = [];
  for (const s of suites) {
    const text = await readFile(s.file, 'utf8').catch(() => '');
    if (text.includes(name)) naming.push(s.file);
  }
  if (naming.length > 0) return naming;
  return suites.filter((s) => path.startsWith(dirname(s.file) + sep)).map((s) => s.file);
}
