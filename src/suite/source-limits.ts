/**
 * Guards run on a file's bytes before the YAML parser sees them, so hostile input (huge,
 * binary, absurdly nested) gets one clear diagnostic quickly instead of a hang or a crash.
 */
import { isUtf8 } from 'node:buffer';

/** Suite and data files above this size are refused without being parsed. */
export const maxFileBytes = 10 * 1024 * 1024;
/** Nesting deeper than this is refused (real suites stay under ten levels). */
export const maxDepth = 64;
/** Aliases expanded at most this many times (stops "billion laughs"). */
export const maxAliasCount = 100;

/** A problem with a byte offset into the file. */
export interface OffsetProblem {
  offset: number;
  message: string;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function invalidUtf8Offset(buf: Uint8Array): number {
  if (isUtf8(buf)) return -1;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > buf.length) return i;
    for (let k = 1; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong 3/4-byte forms and surrogates are invalid too.
    const b1 = buf[i + 1] ?? 0;
    if (
      (b === 0xe0 && b1 < 0xa0) ||
      (b === 0xed && b1 > 0x9f) ||
      (b === 0xf0 && b1 < 0x90) ||
      (b === 0xf4 && b1 > 0x8f)
    ) {
      return i;
    }
    i += len;
  }
  return -1;
}

/** Checks raw bytes: binary content (NUL bytes) or invalid UTF-8. */
export function checkBytes(buf: Uint8Array): OffsetProblem | null {
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    return { offset: nul, message: 'file is binary (contains a NUL byte), not a UTF-8 text file' };
  }
  const bad = invalidUtf8Offset(buf);
  if (bad !== -1) return { offset: bad, message: 'file is not valid UTF-8 text (invalid byte sequence)' };
  return null;
}

/**
 * Scans for flow-collection nesting (`[[[[…`) deeper than `maxDepth`, which would exhaust the
 * parser's stack or memory. Approximate by design: brackets inside quoted scalars are skipped,
 * and outside a flow collection a bracket only opens one where YAML would (after `:`, `-`, `?`,
 * or at the start of a line).
 */
export function checkFlowDepth(text: string): OffsetProblem | null {
  let depth = 0;
  let quote: '"' | "'" | null = null;
  let lastSignificant = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      else if (c === '\n' && depth === 0) quote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl - 1;
      continue;
    }
    if ((c === '"' || c === "'") && /[\s:,[{\-?]/.test(lastSignificant)) {
      quote = c;
      continue;
    }
    if (c === '[' || c === '{') {
      if (depth > 0 || /[\n:\-?]/.test(lastSignificant)) {
        depth++;
        if (depth > maxDepth) {
          return { offset: i, message: `nesting is deeper than ${maxDepth} levels` };
        }
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    if (c === '\n' || !/[ \t\r]/.test(c)) lastSignificant = c === '\n' ? '\n' : c;
  }
  return null;
}
