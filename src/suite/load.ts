/**
 * Finding and loading suite files: read with guards, parse with positions, check against the
 * schema, build (defaults, file://, datasets), run the semantic checks. Every diagnostic of
 * every file is collected before anything is thrown.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../contracts/diagnostic.js';
import { InputError, ValidationError } from '../errors.js';
import { buildSuite, fileStem, isObj } from './build.js';
import type { BuildContext } from './build-context.js';
import { checkSuite } from './checks.js';
import { displayPath } from './file-ref.js';
import { checkSuiteSchema } from './schema-check.js';
import type { Suite } from './types.js';
import { parseYaml, readTextFile } from './yaml-source.js';

const skippedDirs = ['__cassettes__', 'node_modules'];
const skippedFiles = ['qeval.config.yaml', 'qeval.config.yml'];
/** The same skips as glob ignores, for suite paths given as patterns. */
export const ignoredGlobs = [...skippedDirs.map((d) => `**/${d}/**`), ...skippedFiles.map((f) => `**/${f}`)];

/**
 * The suite files under a directory, as `**\/*.{yaml,yml}` with the ignores above and no dot
 * entries would find them, symbolic links followed (except a link back into the directories
 * being walked). A walk of our own: a directory, the common case (`qeval run` reads `suites/`),
 * needs no glob library loaded.
 */
export async function suiteFilesIn(dir: string, out: string[] = [], above: string[] = []): Promise<string[]> {
  const real = await realpath(dir);
  if (above.includes(real)) return out;
  above.push(real);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      isDir = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDir) {
      if (!skippedDirs.includes(name)) await suiteFilesIn(path, out, above);
    } else if (isFile && (name.endsWith('.yaml') || name.endsWith('.yml')) && !skippedFiles.includes(name)) {
      out.push(path);
    }
  }
  above.pop();
  return out;
}

/**
 * Finds suite files: each path is a file, a directory (searched for **\/*.yaml|*.yml, skipping
 * __cassettes__, node_modules and qeval.config.yaml) or a glob (tinyglobby). Default ['suites'].
 * Returns absolute paths, sorted, without duplicates. A path that matches nothing is an InputError.
 */
export async function findSuiteFiles(paths: string[], cwd: string = process.cwd()): Promise<string[]> {
  return [...(await discover(paths, cwd)).keys()].sort();
}

/** Suite files found, each marked whether the user named it (true) or a directory/glob found it. */
async function discover(paths: string[], cwd: string): Promise<Map<string, boolean>> {
  const found = new Map<string, boolean>();
  for (const p of paths.length > 0 ? paths : ['suites']) {
    const abs = resolve(cwd, p);
    const st = await stat(abs).catch(() => null);
    let matches: string[];
    if (st?.isFile()) {
      found.set(abs, true);
      continue;
    }
    if (st?.isDirectory()) {
      matches = await suiteFilesIn(abs);
      if (matches.length === 0)
        throw new InputError(`no suite files (*.yaml, *.yml) found in ${p}`, 'E_NO_SUITES');
    } else {
      const { glob, isDynamicPattern } = await import('tinyglobby');
      if (!isDynamicPattern(p)) throw new InputError(`suite path not found: ${p}`, 'E_NO_SUITES');
      matches = await glob(p, { cwd, absolute: true, ignore: ignoredGlobs });
      if (matches.length === 0) throw new InputError(`no suite files match ${p}`, 'E_NO_SUITES');
    }
    for (const m of matches) if (!found.has(resolve(m))) found.set(resolve(m), false);
  }
  return found;
}

/** Loads one suite file; diagnostics go to `diags`; null when nothing usable was read. */
async function loadSuiteFile(
  abs: string,
  cwd: string,
  diags: Diagnostic[],
  datasets: Set<string>,
  defaultModels: string[] | undefined,
): Promise<Suite | null> {
  const file = displayPath(abs, cwd);
  const text = await readTextFile(abs, file, diags, 'suite file');
  if (text === null) return null;
  const before = diags.length;
  const src = parseYaml(text, file, diags);
  if (diags.slice(before).some((d) => d.severity !== 'warning')) return null;
  const value = src.value;
  if (value === null || value === undefined) {
    diags.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: 'suite file is empty; a suite is a mapping with at least `tests:`',
    });
    return null;
  }
  if (!isObj(value)) {
    const kind = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    diags.push({
      file,
      ...src.locator.locate([]),
      path: '',
      message: `a suite file must be a mapping (name:, models:, tests: …), found ${kind} at the top level`,
    });
    return null;
  }
  diags.push(...checkSuiteSchema(value, src.locator));
  const ctx: BuildContext = {
    file,
    dir: dirname(abs),
    cwd,
    locator: src.locator,
    diags,
    datasets,
    assertionPaths: new Map(),
    ...(defaultModels ? { defaultModels } : {}),
  };
  const built = await buildSuite(value, ctx, fileStem(abs));
  checkSuite(built, ctx);
  return built.suite;
}

/**
 * Loads, validates and resolves every suite; collects ALL diagnostics of ALL files and throws
 * one ValidationError if any is an error. Warnings (e.g. an unknown parameter for a model qeval
 * has no parameter list for) are returned. `defaultModels` (config `models:`) is used by suites
 * that name no models; without it they run qwen-max.
 */
export async function loadSuites(
  paths: string[],
  options: { cwd?: string; defaultModels?: string[] } = {},
): Promise<{ suites: Suite[]; warnings: Diagnostic[] }> {
  const cwd = options.cwd ?? process.cwd();
  const files = await discover(paths, cwd);
  const datasets = new Set<string>();
  // Files load side by side (one's reads overlap another's parsing); results keep file order.
  const loaded = await Promise.all(
    [...files.keys()].sort().map(async (abs) => {
      const fileDiags: Diagnostic[] = [];
      const suite = await loadSuiteFile(abs, cwd, fileDiags, datasets, options.defaultModels);
      return { abs, named: files.get(abs) === true, suite, diags: fileDiags };
    }),
  );
  const diags: Diagnostic[] = [];
  const suites: Suite[] = [];
  for (const f of loaded) {
    // A YAML dataset beside the suites is read by its suite, not loaded as a suite itself.
    if (!f.named && datasets.has(f.abs)) continue;
    diags.push(...f.diags);
    if (f.suite) suites.push(f.suite);
  }
  const byName = new Map<string, Suite>();
  for (const s of suites) {
    const prev = byName.get(s.name);
    if (prev) {
      diags.push({
        file: s.file,
        line: 1,
        col: 1,
        path: 'name',
        message: `suite name "${s.name}" is also used by ${prev.file}; case ids and cassettes need unique suite names`,
      });
    } else byName.set(s.name, s);
  }
  const errors = diags.filter((d) => d.severity !== 'warning');
  if (errors.length > 0) throw new ValidationError(sortDiagnostics(diags));
  return { suites, warnings: diags };
}

/** Orders diagnostics by file, line and column, so output reads top to bottom. */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col,
  );
}
