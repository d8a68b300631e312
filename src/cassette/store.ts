/** Cassette files on disk: where they live, reading with validation, and atomic writing. */
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CassetteFileError, ioError } from '../errors.js';
import { makeDirectory } from '../files.js';
import { scrubSecret } from '../provider/secret.js';
import { sortKeysDeep } from './key.js';
import { type CassetteEntry, type CassetteFile, cassetteVersion } from './types.js';

/** A suite name made safe as a file name: no separators, no `..`, no leading dot. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[.]+/, '_');
  return cleaned === '' ? 'suite' : cleaned.slice(0, 120);
}

/** The cassette of a suite: `<dir of file>/__cassettes__/<safe name>.json`, or in `dir`. */
export function cassettePath(suite: { name: string; file: string }, dir?: string): string {
  const folder = dir ?? join(dirname(suite.file), '__cassettes__');
  return join(folder, `${safeFileName(suite.name)}.json`);
}

/** Reads a cassette; undefined when the file does not exist. Anything else wrong is exit 2. */
export async function readCassette(path: string): Promise<CassetteFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CassetteFileError(`cannot read cassette ${path}: ${(err as Error).message}`, err);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CassetteFileError(
      `cassette ${path} is not valid JSON (${(err as Error).message}); fix it or delete it and record again`,
      err,
    );
  }
  return validateCassette(data, path);
}

/** Checks the shape of a parsed cassette; names the file and the entry on failure. */
export function validateCassette(data: unknown, path: string): CassetteFile {
  const bad = (what: string) =>
    new CassetteFileError(`cassette ${path}: ${what}; fix it or delete it and record again`);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw bad('not a JSON object');
  const file = data as Partial<CassetteFile>;
  if (file.version !== cassetteVersion) {
    throw bad(
      `unsupported version ${JSON.stringify(file.version)} (this qeval reads version ${cassetteVersion})`,
    );
  }
  if (typeof file.suite !== 'string') throw bad('"suite" must be a string');
  if (file.note !== undefined && typeof file.note !== 'string') throw bad('"note" must be a string');
  if (file.entries === null || typeof file.entries !== 'object' || Array.isArray(file.entries)) {
    throw bad('"entries" must be an object keyed by request key');
  }
  for (const [key, e] of Object.entries(file.entries)) {
    const where = `entry ${key}`;
    if (e === null || typeof e !== 'object') throw bad(`${where} is not an object`);
    const entry = e as Partial<CassetteEntry>;
    if (entry.key !== key) throw bad(`${where} has "key" ${JSON.stringify(entry.key)}`);
    if (entry.purpose !== 'test' && entry.purpose !== 'grader' && entry.purpose !== 'simulated-user')
      throw bad(`${where}: "purpose" must be test, grader or simulated-user`);
    if (typeof entry.case_id !== 'string') throw bad(`${where}: "case_id" must be a string`);
    if (!Number.isInteger(entry.sample)) throw bad(`${where}: "sample" must be an integer`);
    const request = entry.request as { model?: unknown; messages?: unknown; input?: unknown } | undefined;
    if (
      !request ||
      typeof request.model !== 'string' ||
      !(Array.isArray(request.messages) || Array.isArray(request.input))
    ) {
      throw bad(`${where}: "request" must have model and messages (or input, for embeddings)`);
    }
    const response = entry.response;
    if (!response || !Number.isInteger(response.status) || typeof response.headers !== 'object') {
      throw bad(`${where}: "response" must have an integer status and headers`);
    }
    if (response.chunks !== undefined) {
      if (
        !Array.isArray(response.chunks) ||
        response.chunks.some((c) => typeof c?.data !== 'string' || typeof c.t !== 'number')
      ) {
        throw bad(`${where}: "response.chunks" must be a list of { t, data }`);
      }
    }
    if (typeof entry.recorded_at !== 'string' || Number.isNaN(Date.parse(entry.recorded_at))) {
      throw bad(`${where}: "recorded_at" must be an ISO date`);
    }
    if (typeof entry.duration_ms !== 'number') throw bad(`${where}: "duration_ms" must be a number`);
  }
  return file as CassetteFile;
}

/** A cassette's header fields, written before its entries. */
export type CassetteHeader = Pick<CassetteFile, 'suite' | 'note'>;

/**
 * The file's text in pieces: exactly `JSON.stringify(file, null, 2)` of the header fields and the
 * entries (keys sorted at every depth, the entries in the given order), the key scrubbed, a final
 * newline. One piece per entry, so a writer never holds the whole file.
 */
export function* cassettePieces(
  header: CassetteHeader,
  entries: Iterable<readonly [string, CassetteEntry]>,
  apiKey?: string,
): Generator<string> {
  // Header fields first, then entries: the order a reviewer reads in.
  let head = `{\n  "version": ${cassetteVersion},\n  "suite": ${JSON.stringify(header.suite)},\n`;
  if (header.note !== undefined) head += `  "note": ${JSON.stringify(header.note)},\n`;
  head += '  "entries": {';
  let first = true;
  for (const [key, entry] of entries) {
    // An entry sits two levels deep: its own lines are indented by four more spaces.
    const text = JSON.stringify(sortKeysDeep(entry), null, 2).replace(/\n/g, '\n    ');
    const piece = `${first ? `${head}\n` : ',\n'}    ${JSON.stringify(key)}: ${text}`;
    yield scrubSecret(piece, apiKey);
    first = false;
  }
  yield first ? `${scrubSecret(head, apiKey)}}\n}\n` : '\n  }\n}\n';
}

/** The file's text: 2-space JSON, keys sorted at every depth, the key scrubbed, a final newline. */
export function serialiseCassette(file: CassetteFile, apiKey?: string): string {
  return [...cassettePieces(file, sortedEntries(file.entries), apiKey)].join('');
}

/** Writes atomically: a temporary file beside the target, then a rename. */
export async function writeCassette(path: string, file: CassetteFile, apiKey?: string): Promise<void> {
  await streamCassette(path, file, sortedEntries(file.entries), apiKey);
}

/**
 * Writes a cassette from entries given one by one (in key order), atomically: a temporary file
 * beside the target, then a rename. The text goes out in batches of about a megabyte.
 */
export async function streamCassette(
  path: string,
  header: CassetteHeader,
  entries: Iterable<readonly [string, CassetteEntry]>,
  apiKey?: string,
): Promise<void> {
  await makeDirectory(dirname(path)).catch((err: unknown) => {
    throw ioError(err, path);
  });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await pipeline(Readable.from(batches(cassettePieces(header, entries, apiKey))), createWriteStream(tmp));
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw ioError(err, path);
  }
}

function* batches(pieces: Iterable<string>): Generator<string> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= batchChars) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

const batchChars = 1 << 20;

function* sortedEntries(entries: Record<string, CassetteEntry>): Generator<readonly [string, CassetteEntry]> {
  for (const k of Object.keys(entries).sort()) yield [k, entries[k]!];
}
