/** Writes a file from a sequence of string chunks, respecting back-pressure, never joining them all. */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';

/** Below this many characters a file is written in one call; above, it is streamed. */
const WHOLE_CHARS = 2 * 1024 * 1024;

/**
 * Writes `chunks` to `path` in order. Large reports are produced piece by piece so that a
 * 100,000-case file never exists as one string in memory; a small one (up to 2 M characters)
 * is joined and written at once, which spares it a stream and a round trip per 64 KB written.
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const it = chunks[Symbol.iterator]();
  const head: string[] = [];
  let size = 0;
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) {
      await writeFile(path, head.join(''));
      return;
    }
    head.push(r.value);
    size += r.value.length;
    if (size > WHOLE_CHARS) break;
  }
  await streamChunks(path, head.join(''), { [Symbol.iterator]: () => it });
}

async function streamChunks(path: string, first: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => {
    throw err;
  });
  // Keep the rejection observed even when we finish first.
  failed.catch(() => {});
  try {
    if (!out.write(first)) await Promise.race([once(out, 'drain'), failed]);
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
