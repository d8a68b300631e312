/** Writes a file from a sequence of string chunks, respecting back-pressure, never joining them. */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * Writes `chunks` to `path` in order. Large reports are produced piece by piece so that a
 * 100,000-case file never exists as one string in memory.
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => {
    throw err;
  });
  // Keep the rejection observed even when we finish first.
  failed.catch(() => {});
  try {
    let pending = '';
    for (const chunk of chunks) {
      // Batch small chunks: one write per case is slow, one write per report is big.
      pending += chunk;
      if (pending.length < 64 * 1024) continue;
      if (!out.write(pending)) await Promise.race([once(out, 'drain'), failed]);
      pending = '';
    }
    if (pending) out.write(pending);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } finally {
    if (!out.writableFinished) out.destroy();
  }
}
