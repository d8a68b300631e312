import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AssertionOptionsError } from './types.js';

/** Whether an option value is a `file://` reference. */
export function isFileRef(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('file://');
}

/**
 * Resolves `file://x` against the suite directory. `file:///abs` stays absolute; an optional
 * `:name` suffix (for `file://checks.js:isPolite`) is returned apart.
 */
export function resolveFileRef(ref: string, baseDir: string): { path: string; url: string; member?: string } {
  let rest = ref.slice('file://'.length);
  let member: string | undefined;
  const m = /^(.*\.(?:m?js|cjs|json|ya?ml)):([A-Za-z_$][\w$]*)$/.exec(rest);
  if (m) {
    rest = m[1]!;
    member = m[2]!;
  }
  const abs = path.resolve(baseDir, rest);
  return { path: abs, url: pathToFileURL(abs).href, ...(member ? { member } : {}) };
}

/** Reads a `file://` reference as UTF-8 text; the error names the resolved path. */
export async function readFileRef(ref: string, baseDir: string): Promise<string> {
  const { path: p } = resolveFileRef(ref, baseDir);
  try {
    return await readFile(p, 'utf8');
  } catch (e) {
    throw new AssertionOptionsError(
      `cannot read ${ref} (resolved to ${p}): ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
}
