/** Paths into a suite document (`tests[2].assert[0].type`) and what turns one into a source position. */
import type { Diagnostic } from '../contracts/diagnostic.js';

/** One step of a document path: a mapping key or a sequence index. */
export type PathSeg = string | number;

/** Finds the source position of a document path and builds diagnostics there. */
export interface Locator {
  /** 1-based position of the node at `path` (of its key with `part: 'key'`); the deepest existing node otherwise. */
  locate(path: readonly PathSeg[], part?: 'key' | 'value'): { line: number; col: number };
  /** A diagnostic at `path`. */
  diag(
    path: readonly PathSeg[],
    message: string,
    extra?: { part?: 'key' | 'value'; suggestion?: string; severity?: 'error' | 'warning' },
  ): Diagnostic;
}

const identifier = /^[A-Za-z_$][\w$-]*$/;

/** Formats a path as `tests[2].assert[0].type` (odd keys quoted: `vars["a.b"]`). */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (identifier.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
