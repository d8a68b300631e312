/**
 * Finding JSON in model output: the whole text, a fenced code block, or the first balanced
 * `{…}` / `[…]` that parses. Models wrap JSON in prose and fences; graders do too.
 */

export type JsonFound =
  | { found: true; value: unknown; where: 'whole' | 'fence' | 'inline' }
  | { found: false };

const fence = /```[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)```/g;

// A JSON text starts with one of these; checking first avoids JSON.parse throwing (and building
// a stack trace) for every plain-prose output.
const jsonStart = /^[{["\-0-9tfn]/;

/** Parses the whole output as JSON (surrounding whitespace and a BOM allowed). */
export function parseWhole(text: string): JsonFound {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t === '' || !jsonStart.test(t)) return { found: false };
  try {
    return { found: true, value: JSON.parse(t), where: 'whole' };
  } catch {
    return { found: false };
  }
}

/**
 * The first JSON value in the text: the whole text if it parses, else the first code fence that
 * parses, else the first balanced object or array that parses. Bare scalars count only as the
 * whole text or a whole fence (a lone `3` in prose is not JSON output).
 */
export function extractFirstJson(text: string): JsonFound {
  const whole = parseWhole(text);
  if (whole.found) return whole;
  fence.lastIndex = 0;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const body = parseWhole(m[2] ?? '');
    if (body.found) return { found: true, value: body.value, where: 'fence' };
  }
  return firstBalanced(text);
}

function firstBalanced(text: string): JsonFound {
  for (let start = nextOpen(text, 0); start !== -1; start = nextOpen(text, start + 1)) {
    const end = matchingClose(text, start);
    if (end === -1) continue;
    try {
      return { found: true, value: JSON.parse(text.slice(start, end + 1)), where: 'inline' };
    } catch {
      // Balanced but not JSON (e.g. `{name}` in prose): keep looking after this opener.
    }
  }
  return { found: false };
}

function nextOpen(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) return i;
  }
  return -1;
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 if unbalanced. */
function matchingClose(text: string, start: number): number {
  const stack: number[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b) stack.push(0x7d);
    else if (c === 0x5b) stack.push(0x5d);
    else if (c === 0x7d || c === 0x5d) {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}
