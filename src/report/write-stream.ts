/**
 * Writes a report file from a sequence of string chunks, respecting back-pressure, never joining
 * them all, and atomically: into a temporary file beside it, then renamed over it, so a full disk
 * or a killed process leaves the previous file whole.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError } from '../errors.js';

/** Reports of up to this many cases are small (about 1 KB of text a case): written in one call. */
const WHOLE_CASES = 2000;

/**
 * Writes `chunks` to `path` in order. Large reports are produced piece by piece so that a
 * 100,000-case file never exists as one string in memory. A report of at most
 * {@link WHOLE_CASES} cases (`cases`) is joined and written in one call instead, which spares it a
 * stream and a round trip per 64 KB written; deciding by the count up front means a large report
 * never holds a first part in memory while finding out it is large.
 */
export async function writeChunks(path: string, chunks: Iterable<string>, cases = Infinity): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeTo(tmp, chunks, cases);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw ioError(err, path);
  }
}

async function writeTo(path: string, chunks: Iterable<string>, cases: number): Promise<void> {
  if (cases <= WHOLE_CASES) {
    await writeFile(path, [...chunks].join(''));
    return;
  }
  // A 1 MB buffer instead of the stream's 16 KB: each 64 KB batch is handed to the file system
  // without first waiting for the one before it (a round trip per batch), and memory stays
  // bounded all the same.
  const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
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
    if (!out.writableFinished) {
      out.destroy();
      // The file may still be opening: wait until it is closed, or the caller's removal of the
      // temporary file can run before the open creates it, leaving it behind.
      if (!out.closed) await once(out, 'close').catch(() => undefined);
    }
  }
}
