/**
 * results.jsonl: one finished case per line, appended as it finishes. Each line goes out in one
 * `write` of a complete line, so an abrupt exit leaves at most a partial last line, which
 * `readResults` ignores.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { CaseResult } from './types.js';

export class ResultsWriter {
  private readonly stream: WriteStream;
  private failed: Error | null = null;

  private constructor(stream: WriteStream) {
    this.stream = stream;
    stream.on('error', (err) => {
      this.failed = err;
    });
  }

  /** Opens the file for appending (`resume`) or truncates it. */
  static async open(path: string, append: boolean): Promise<ResultsWriter> {
    await mkdir(dirname(path), { recursive: true });
    const stream = createWriteStream(path, { flags: append ? 'a' : 'w', highWaterMark: 1 << 16 });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    // After a hard exit the file may end in a torn line: start appends on a fresh line so the
    // next result is not glued to the fragment.
    if (append && (await endsWithoutNewline(path))) stream.write('\n');
    return new ResultsWriter(stream);
  }

  /** Queues one result line; the stream batches writes, so this never blocks per case. */
  write(result: CaseResult): void {
    if (this.failed) throw this.failed;
    this.stream.write(`${JSON.stringify(result)}\n`);
  }

  /** Flushes and closes. */
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
  }
}

/**
 * Reads finished cases from a results.jsonl, the last line for an id winning. A torn last line
 * (the process died mid-write) is skipped; a torn line elsewhere is too, with a count returned.
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
      if (typeof r?.id === 'string' && typeof r.status === 'string') results.set(r.id, r);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { results, skipped };
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const buf = Buffer.alloc(1);
    await handle.read(buf, 0, 1, size - 1);
    return buf[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
