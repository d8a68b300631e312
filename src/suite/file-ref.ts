/** `file://` references in suites: paths relative to the suite file's directory. */
import { isAbsolute, relative, resolve } from 'node:path';

/** Whether a value is a `file://` reference. */
export function isFileRef(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('file://');
}

/** The absolute path a `file://` reference points at. */
export function resolveRef(dir: string, ref: string): string {
  return resolve(dir, ref.slice('file://'.length));
}

/** A path as shown to the user: relative to cwd when it is inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** Whether `abs` lies outside `dir` (the suite's folder): worth a warning, suite files being code. */
export function outsideOf(dir: string, abs: string): boolean {
  const rel = relative(dir, abs);
  return rel.startsWith('..') || isAbsolute(rel);
}
