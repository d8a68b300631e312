/**
 * `--snapshot` and `--against <rev>`: builds a frozen copy of qeval under `bench/out/<dir>/` from
 * a commit (`git archive`, so half-saved files in the working tree never get in), compiled with
 * that commit's own tsconfig; node_modules resolve from the repository. A long benchmark then
 * measures one version even while the working tree and `dist/` keep changing, and `--against`
 * measures an older one beside it.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const PATHS = ['bin', 'src', 'schema', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** Builds the snapshot of `rev` and returns the path of its `bin/qeval.js` and its short commit. */
export async function buildSnapshot(
  root: string,
  out: string,
  rev = 'HEAD',
  dir = 'snap',
): Promise<{ bin: string; commit: string }> {
  const snap = join(out, dir);
  await rm(snap, { recursive: true, force: true });
  await mkdir(snap, { recursive: true });
  const commit = execFileSync('git', ['rev-parse', '--short', `${rev}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const tar = execFileSync('git', ['archive', '--format=tar', commit, ...PATHS], {
    cwd: root,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', snap], { input: tar });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(snap, 'tsconfig.build.json')], {
      cwd: snap,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // tsc emits despite type errors; say so, and let the runs show whether it works.
    const text = String((err as { stdout?: Buffer }).stdout ?? '');
    process.stderr.write(
      `[bench] snapshot: tsc reported errors at ${commit} (emitted anyway):\n${text.slice(0, 2000)}\n`,
    );
  }
  return { bin: join(snap, 'bin', 'qeval.js'), commit };
}
