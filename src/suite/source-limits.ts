/**
 * Guards run on a file's bytes before the YAML parser sees them, so hostile input (huge,
 * binary, absurdly nested) gets one clear diagnostic quickly instead of a hang or a crash.
 */
import { Buffer, isUtf8 } from 'node:buffer';

/** Suite and data files above this size are refused without being parsed. */
export const maxFileBytes = 10 * 1024 * 1024;
/**
 * Line-based datasets (.jsonl, .csv) are parsed in one linear pass with no recursion or
 * aliases, so they may be much larger: 100,000 rows of a benchmark suite fit easily.
 */
export const maxDatasetBytes = 256 * 1024 * 1024;
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
  // Char codes, not regexes: this runs over every byte of files up to 10 MB.
  const NL = 10;
  const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === NL;
  const opensQuote = (c: number) =>
    isSpace(c) || c === 58 || c === 44 || c === 91 || c === 123 || c === 45 || c === 63; // : , [ { - ?
  const opensFlow = (c: number) => c === NL || c === 58 || c === 45 || c === 63; // \n : - ?
  let depth = 0;
  let quote = 0;
  let last = NL;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 && quote === 34) i++;
      else if (c === quote) quote = 0;
      else if (c === NL && depth === 0) quote = 0;
      continue;
    }
    if (c === 35 && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl - 1;
      continue;
    }
    if ((c === 34 || c === 39) && opensQuote(last)) {
      quote = c;
      continue;
    }
    if (c === 91 || c === 123) {
      if (depth > 0 || opensFlow(last)) {
        depth++;
        if (depth > maxDepth) {
          return { offset: i, message: `nesting is deeper than ${maxDepth} levels` };
        }
      }
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
    if (c === NL || !isSpace(c)) last = c;
  }
  return null;
}

/**
 * Scans block-style nesting (indentation and compact `- - -` sequences) for depth far past
 * `maxDepth`: the parser recurses per level and overflows its stack near 1,000 levels. Lines of
 * block scalars (`|`, `>`) are skipped. An upper bound by design, hence the limit of twice
 * `maxDepth`; the exact depth is checked on the parsed tree.
 */
export function checkBlockDepth(text: string): OffsetProblem | null {
  const limit = maxDepth * 2;
  const indents: number[] = [];
  // Indentation of the line that opened a block scalar; deeper lines are its text.
  let scalarIndent = -1;
  let lineStart = 0;
  while (lineStart < text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    let i = lineStart;
    while (i < nl && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blank = i >= nl || text[i] === '#' || text[i] === '\r';
    if (scalarIndent >= 0 && (blank || indent > scalarIndent)) {
      lineStart = nl + 1;
      continue;
    }
    scalarIndent = -1;
    if (!blank) {
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
      // Each `- ` or `? ` indicator opens one more level on the same line.
      while ((text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        i += 2;
        while (i < nl && text.charCodeAt(i) === 32) i++;
        indents.push(i - lineStart);
        if (indents.length > limit) break;
      }
      if (indents.length > limit) {
        return { offset: i, message: `nesting is deeper than ${maxDepth} levels` };
      }
      if (/[|>][-+0-9]*\s*(#.*)?\r?$/.test(text.slice(i, nl))) scalarIndent = indent;
    }
    lineStart = nl + 1;
  }
  return null;
}

/** A file's text, or why it cannot be read (with the text before the problem, for its position). */
export type DecodedText = { text: string } | { message: string; before: string };

/** Which byte of each pair is NUL in most of the first pairs: a UTF-16 file written without a BOM. */
function utf16WithoutBom(buf: Uint8Array): 'LE' | 'BE' | null {
  const pairs = Math.min(buf.length >> 1, 512);
  if (pairs < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (buf[2 * i] === 0) even++;
    if (buf[2 * i + 1] === 0) odd++;
  }
  // ASCII-range text in UTF-16 has a NUL in one byte of most pairs and almost never in the other.
  if (odd >= pairs / 2 && even <= pairs / 16) return 'LE';
  if (even >= pairs / 2 && odd <= pairs / 16) return 'BE';
  return null;
}

/**
 * Decodes a suite or data file: UTF-8 (a BOM dropped), or UTF-16 LE/BE with a BOM. Refused, with
 * the way out: UTF-32, UTF-16 without a BOM, other binary content (NUL), invalid UTF-8.
 */
export function decodeText(buf: Uint8Array): DecodedText {
  const b0 = buf[0];
  const b1 = buf[1];
  if (b0 === 0xff && b1 === 0xfe && buf[2] === 0 && buf[3] === 0) {
    return { message: 'file is UTF-32, which is not read: save it as UTF-8', before: '' };
  }
  const utf16 = b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : null;
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(buf.subarray(2));
    } catch {
      return {
        message: `file is not valid ${utf16.toUpperCase()} text (a cut-off or unpaired character): save it as UTF-8`,
        before: '',
      };
    }
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      return {
        message: 'file is binary (contains a NUL character), not a text file',
        before: text.slice(0, nul),
      };
    }
    return { text };
  }
  const bad = checkBytes(buf);
  if (bad) {
    const before = Buffer.from(buf.buffer, buf.byteOffset, bad.offset).toString('latin1');
    const order = buf.indexOf(0) === -1 ? null : utf16WithoutBom(buf);
    return order
      ? {
          message: `file looks like UTF-16 ${order} without a byte-order mark: save it as UTF-8 (or as UTF-16 with a BOM)`,
          before: '',
        }
      : { message: bad.message, before };
  }
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
