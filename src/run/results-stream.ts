/**
 * results.jsonl: one finished case per line, appended as cases finish. Lines are batched (64 KB
 * or 100 ms, whichever comes first) so a 100,000-case run does not pay one write per case; the
 * file is opened in append mode, so every write lands whole at the end, and anything still
 * pending is written synchronously if the process exits (a second Ctrl-C). A last line torn by
 * a hard kill is cut off by `repairTornLine` when the run resumes, so the file stays JSON Lines.
 */
import { createReadStream, writeSync } from 'node:fs';
import { type FileHandle, open, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { CaseResult } from '../contracts/result.js';
import { ioError } from '../errors.js';
import { makeDirectory } from '../files.js';

const BATCH_BYTES = 1 << 16;
const BATCH_MS = 100;

export class ResultsWriter {
  private readonly handle: FileHandle;
  private pending: string[] = [];
  private pendingChars = 0;
  private writing: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failed: Error | null = null;
  private readonly onExit = () => this.flushSync();

  private constructor(
    handle: FileHandle,
    private readonly path: string,
  ) {
    this.handle = handle;
    process.on('exit', this.onExit);
  }

  /** Opens the file for appending (`resume`) or empties it first. */
  static async open(path: string, append: boolean): Promise<ResultsWriter> {
    let handle: FileHandle;
    try {
      await makeDirectory(dirname(path));
      if (!append)
        await truncate(path, 0).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
      handle = await open(path, 'a+');
    } catch (err) {
      // Before the first call: a folder qeval cannot write to stops the run with nothing sent.
      throw ioError(err, path);
    }
    const writer = new ResultsWriter(handle, path);
    // After a hard exit the file may end in a torn line: start appends on a fresh line so the
    // next result is not glued to the fragment.
    if (append && (await endsWithoutNewline(handle))) writer.pending.push('\n');
    return writer;
  }

  /** Queues one result line. */
  write(result: CaseResult): void {
    if (this.failed) throw this.failed;
    const line = `${JSON.stringify(result)}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= BATCH_BYTES) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), BATCH_MS);
      this.timer.unref();
    }
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.writing = this.writing
      .then(() => this.handle.write(chunk))
      .catch((err: Error) => {
        this.failed ??= err;
      });
  }

  /** Writes what is pending at once: for an exit that cannot wait. */
  private flushSync(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    try {
      writeSync(this.handle.fd, chunk);
    } catch {
      // The process is leaving; the cases not written will run again on --resume.
    }
  }

  /** Flushes and closes. */
  async close(): Promise<void> {
    this.flush();
    await this.writing;
    process.off('exit', this.onExit);
    await this.handle.close();
    if (this.failed) throw ioError(this.failed, this.path);
  }
}

/**
 * Reads finished cases from a results.jsonl (ids in NFC), the last line for an id winning. A torn line (the
 * process died mid-write) is skipped and counted.
 */
export async function readResults(
  path: string,
): Promise<{ results: Map<string, CaseResult>; skipped: number }> {
  const results = new Map<string, CaseResult>();
  let skipped = 0;
  try {
    await stat(path);
  } catch {
    return { results, skipped };
  }
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const r = JSON.parse(line) as CaseResult;
      if (typeof r?.id === 'string' && typeof r.status === 'string') {
        // Results written before test ids were NFC: the same case under its NFC id, so --resume
        // keeps it rather than running it again beside the old spelling.
        const id = r.id.normalize('NFC');
        results.set(id, id === r.id ? r : { ...r, id, test_id: r.test_id.normalize('NFC') });
      } else skipped++;
    } catch {
      skipped++;
    }
  }
  return { results, skipped };
}

async function endsWithoutNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return false;
  const buf = Buffer.alloc(1);
  await handle.read(buf, 0, 1, size - 1);
  return buf[0] !== 0x0a;
}

/**
 * Cuts a torn last line (a process killed mid-write) off results.jsonl. Returns the line it cut
 * (1-based) and its length in bytes, or null when the file is whole or absent.
 */
export async function repairTornLine(path: string): Promise<{ line: number; bytes: number } | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0 || !(await endsWithoutNewline(handle))) return null;
    // Where the last newline is, reading back from the end a block at a time.
    let keep = 0;
    const block = Buffer.alloc(1 << 16);
    for (let end = size; end > 0 && keep === 0; end -= block.length) {
      const start = Math.max(0, end - block.length);
      const { bytesRead } = await handle.read(block, 0, end - start, start);
      const at = block.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (at >= 0) keep = start + at + 1;
      if (start === 0) break;
    }
    let lines = 0;
    for await (const chunk of createReadStream(path, { start: 0, end: Math.max(0, keep - 1) })) {
      if (keep === 0) break;
      for (const byte of chunk as Buffer) if (byte === 0x0a) lines++;
    }
    await truncate(path, keep);
    return { line: lines + 1, bytes: size - keep };
  } finally {
    await handle.close();
  }
}
