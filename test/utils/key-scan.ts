/** Walks a directory and returns every file whose bytes contain the secret. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function filesContaining(
  dir: string,
  secret: string,
): Promise<{ scanned: string[]; leaking: string[] }> {
  const scanned: string[] = [];
  const leaking: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        scanned.push(p);
        if ((await readFile(p)).includes(Buffer.from(secret))) leaking.push(p);
      }
    }
  };
  await walk(dir);
  return { scanned, leaking };
}
