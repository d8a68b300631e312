/**
 * `--snapshot`: builds a frozen copy of qeval under `bench/out/snap/` (its own dist/, bin/,
 * templates and package.json; node_modules resolve from the repository), so a long benchmark
 * measures one version even while the working tree and `dist/` keep changing.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Builds the snapshot and returns the path of its `bin/qeval.js`. */
export async function buildSnapshot(root: string, out: string): Promise<string> {
  const snap = join(out, 'snap');
  await rm(snap, { recursive: true, force: true });
  await mkdir(snap, { recursive: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(
      process.execPath,
      [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(snap, 'dist')],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (err) {
    // tsc still emits on type errors; a missing entry point is what makes the snapshot unusable.
    const out = String((err as { stdout?: Buffer }).stdout ?? '');
    process.stderr.write(`[bench] snapshot: tsc reported errors (emitted anyway):\n${out.slice(0, 2000)}\n`);
  }
  for (const rel of [
    'bin',
    'package.json',
    'schema',
    join('src', 'report', 'templates'),
    join('src', 'compare', 'templates'),
  ]) {
    await cp(join(root, rel), join(snap, rel), { recursive: true }).catch(() => undefined);
  }
  return join(snap, 'bin', 'qeval.js');
}
