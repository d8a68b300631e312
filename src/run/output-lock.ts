/**
 * One run at a time per output folder: `.qeval.lock` holds the writing run's pid. A second run
 * into the same folder is refused at once, naming the first; a lock whose process is gone (a run
 * killed hard) is taken over, and the caller says so.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, ioError } from '../errors.js';
import { makeDirectory } from '../files.js';

export interface OutputLock {
  release(): Promise<void>;
  /** The pid of a run that died holding the lock, when it was taken over. */
  takenFrom?: number;
}

export async function lockOutput(dir: string): Promise<OutputLock> {
  const path = join(dir, '.qeval.lock');
  await makeDirectory(dir).catch((err: unknown) => {
    throw ioError(err, dir, 'the output folder');
  });
  let takenFrom: number | undefined;
  // Twice at most: once as found, once after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      const lock: OutputLock = { release: () => rm(path, { force: true }) };
      if (takenFrom !== undefined) lock.takenFrom = takenFrom;
      return lock;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(err, path);
    }
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
      throw new InputError(
        `${dir} is being written by another qeval run (pid ${pid}); wait for it to end, or give this run another folder with -o`,
        'E_OUTPUT_LOCKED',
      );
    }
    takenFrom = Number.isInteger(pid) && pid > 0 ? pid : 0;
    await rm(path, { force: true });
  }
  throw new InputError(
    `${dir}: another qeval run took the output folder at the same moment; try again`,
    'E_OUTPUT_LOCKED',
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
