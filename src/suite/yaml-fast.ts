/**
 * The fast path for reading YAML: js-yaml (about 15× faster than yaml's document model on large
 * suites) plus a light position index built from its parse events, so a locator can still name
 * the `line:col` of any node.
 *
 * It only takes documents whose meaning both parsers agree on: one document, the core schema
 * (tags only from it: `!!str`…), string keys, no anchors, aliases or merge keys, nothing js-yaml
 * reads more laxly than YAML 1.2 (see the checks below). Anything else, and anything js-yaml
 * refuses, returns null and goes to the careful path (yaml-source.ts), which also owns every
 * syntax diagnostic. A test checks both paths give equal values and positions on every fixture.
 */
import { CORE_SCHEMA, load, type State } from 'js-yaml';
import { maxDepth } from './source-limits.js';
import type { PathSeg } from './yaml-source.js';

/**
 * Numbers as YAML 1.2's core schema (and so the careful parser) writes them; js-yaml also reads
 * `0b101` and signed hex or octal, which the careful parser keeps as strings.
 */
const coreNumber =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** A node's place in the source: where its parse began, its key (mapping entries) and children. */
interface PosNode {
  /** Offset where js-yaml began reading the node (before separating space). */
  start: number;
  /** Children in order: mapping → key, value, key, value…; sequence → items. */
  kids: PosNode[] | undefined;
  /** The value js-yaml built: only compared by identity or read for keys. */
  result: unknown;
  /** js-yaml's kind: 'scalar', 'mapping', 'sequence'; null for an empty node. */
  kind: string | null;
}

/** Offsets and line starts of one document, and look-up by document path. */
export class FastIndex {
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly root: PosNode,
  ) {}

  /** 1-based line and column of `offset`. */
  at(offset: number): { line: number; col: number } {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  /** Offset of the node at `path` (its key with part 'key'); the deepest existing node otherwise. */
  offset(path: readonly PathSeg[], part: 'key' | 'value'): number {
    let node = this.root;
    let offset = this.contentStart(node.start);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const kids = node.kids ?? [];
      if (node.kind === 'mapping') {
        let k = -1;
        for (let j = 0; j + 1 < kids.length; j += 2) {
          if (String(kids[j]!.result) === String(seg)) {
            k = j;
            break;
          }
        }
        if (k === -1) break;
        if (i === path.length - 1 && part === 'key') return this.contentStart(kids[k]!.start);
        node = kids[k + 1]!;
        // `prompt:` with no value: after the colon and spaces, where the empty node would be.
        offset = node.kind === null ? this.spaceEnd(node.start) : this.contentStart(node.start);
      } else if (node.kind === 'sequence') {
        const item = kids[Number(seg)];
        if (!item) break;
        node = item;
        offset = this.contentStart(node.start);
      } else break;
    }
    return offset;
  }

  /** First offset at or after `p` that is not a space or tab. */
  private spaceEnd(p: number): number {
    const t = this.text;
    while (p < t.length && (t.charCodeAt(p) === 0x20 || t.charCodeAt(p) === 0x09)) p++;
    return p;
  }

  private contentStart(p: number): number {
    return contentStart(this.text, p);
  }
}

/** First offset at or after `p` that is not separating space, a comment or a tag. */
export function contentStart(t: string, p: number): number {
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) p++;
    else if (c === 0x23 /* # */) {
      const nl = t.indexOf('\n', p);
      p = nl === -1 ? t.length : nl + 1;
    } else if (c === 0x21 /* ! */) {
      // A tag is a property, not the node: positions are of the node's content.
      while (p < t.length && !/\s/.test(t[p]!)) p++;
    } else break;
  }
  return p;
}

/**
 * Whether a flow scalar (plain or quoted) spread over several lines has every continuation line
 * indented deeper than the collection holding it, as the careful parser demands (js-yaml is
 * laxer). `parentStart` is where js-yaml began reading that collection; block scalars (`|`, `>`)
 * are checked by js-yaml itself. Multi-line scalars inside flow collections are left to the
 * careful parser.
 */
function continuationIndented(text: string, from: number, to: number, parentStart: number): boolean {
  let nl = text.indexOf('\n', from);
  if (nl === -1 || nl >= to) return true;
  let p = from;
  while (p < to && (text[p] === ' ' || text[p] === '\t' || text[p] === '\n' || text[p] === '\r')) p++;
  if (text[p] === '|' || text[p] === '>') return true;
  const parentAt = contentStart(text, parentStart);
  if (text[parentAt] === '{' || text[parentAt] === '[') return false;
  const indent = parentAt - (text.lastIndexOf('\n', parentAt - 1) + 1);
  for (; nl !== -1 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    let q = nl + 1;
    while (text[q] === ' ') q++;
    const c = text[q];
    if (q >= to || c === '\n' || c === '\r') continue;
    if (q - nl - 1 <= indent) return false;
  }
  return true;
}

/**
 * Parses `text` on the fast path: the value and a position index, or null when the document is
 * not one the fast path takes (see the file comment) — the caller then uses the careful parser.
 */
export function parseYamlFast(text: string): { value: unknown; index: FastIndex } | null {
  const root: PosNode = { start: 0, kids: [], result: undefined, kind: null };
  const stack: PosNode[] = [root];
  let plain = true;
  const listener = (event: 'open' | 'close', state: State): void => {
    if (!plain) return;
    if (event === 'open') {
      // Nesting deeper than the careful parser allows: let it say so.
      if (stack.length > maxDepth + 1) plain = false;
      const node: PosNode = { start: state.position, kids: undefined, result: undefined, kind: null };
      const parent = stack[stack.length - 1]!;
      if (parent.kids) parent.kids.push(node);
      else parent.kids = [node];
      stack.push(node);
      return;
    }
    const node = stack.pop()!;
    if ((state as State & { anchor: string | null }).anchor !== null) plain = false;
    node.kind = state.kind ?? null;
    node.result = state.result;
    if (node.kind === 'scalar' && stack.length > 1) {
      if (!continuationIndented(text, node.start, state.position, stack[stack.length - 1]!.start))
        plain = false;
    }
    // js-yaml takes `"text"# note` as a comment; YAML (and the careful parser) wants a space first.
    if (text.charCodeAt(state.position) === 0x23) plain = false;
    if (typeof node.result === 'number' && !coreNumber.test(text.slice(node.start, state.position).trim()))
      plain = false;
    // js-yaml sometimes nests a collection in a node of its own: keep one level.
    const kids = node.kids;
    if (
      kids?.length === 1 &&
      kids[0]!.result === node.result &&
      node.result !== null &&
      typeof node.result === 'object'
    ) {
      node.kids = kids[0]!.kids;
    }
    // `[a: b]` pairs have no node of their own: items and nodes would not line up.
    if (node.kind === 'sequence' && (node.kids?.length ?? 0) !== (node.result as unknown[]).length)
      plain = false;
    if (node.kind === 'mapping' && node.kids) {
      // A flow entry with no value (`{ a, b: 1 }`) has no node: keys and values would not pair up.
      if (node.kids.length !== 2 * Object.keys(node.result as object).length) plain = false;
      for (let j = 0; j < node.kids.length; j += 2) {
        const key = node.kids[j]!.result;
        if (typeof key !== 'string' || key === '<<') plain = false;
      }
    }
  };
  // `---#x` starts a document for js-yaml but is a plain scalar for YAML 1.2.
  if (/^(?:---|\.\.\.)\S/m.test(text)) return null;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, listener });
  } catch {
    return null;
  }
  if (!plain || value === undefined || value === null) return null;
  const top = root.kids?.[0];
  if (!top) return null;
  return { value, index: new FastIndex(text, top) };
}
