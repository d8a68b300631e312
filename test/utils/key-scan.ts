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

/**
 * What of a key must not appear in any file: the key, URL-encoded, and the characters of its
 * base64 and base64url encodings that do not depend on the bytes around it (at each of the three
 * byte offsets it may start at inside a longer blob).
 */
export function keyForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  for (const prefix of ['', 'a', 'ab']) {
    for (const alphabet of ['base64', 'base64url'] as const) {
      const text = Buffer.from(`${prefix}${secret}`).toString(alphabet);
      // Drop the characters the prefix and the (unknown) following bytes share with the key.
      forms.add(text.slice(prefix.length + 1, text.length - 4));
    }
  }
  return [...forms];
}
