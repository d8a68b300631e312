/** File system steps every writer shares. */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that always ends. Node 20's recursive mkdir spins forever when a parent cannot be
 * made (a folder under /proc, say); this makes the missing folders one at a time, so such a path
 * fails at once with the reason.
 */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  let dir = resolve(path);
  for (;;) {
    const found = await stat(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (found) {
      if (!found.isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), {
          code: 'ENOTDIR',
          path: dir,
        });
      }
      break;
    }
    missing.push(dir);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of missing.reverse()) {
    await mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}
