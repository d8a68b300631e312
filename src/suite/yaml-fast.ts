/**
 * The fast path for reading YAML: js-yaml (many times faster than yaml's document model on large
 * suites; bench/README.md has the measurement that keeps it) plus a light position index built from its parse events, so a locator can still name
 * the `line:col` of any node.
 *
 * It only takes documents whose meaning both parsers agree on: one document, the core schema
 * (tags only from it: `!!str`…), string keys, no anchors, aliases or merge keys, nothing js-yaml
 * reads more laxly than YAML 1.2 (see the checks below). Anything else, and anything js-yaml
 * refuses, returns null and goes to the careful path (yaml-source.ts), which also owns every
 * syntax diagnostic. A test checks both paths give equal values and positions on every fixture.
 */
import { CORE_SCHEMA, load, type State } from 'js-yaml';
import type { PathSeg } from './document-path.js';
import { maxDepth } from './source-limits.js';

/**
 * Numbers as YAML 1.2's core schema (and so the careful parser) writes them; js-yaml also reads
 * `0b101` and signed hex or octal, which the careful parser keeps as strings.
 */
const coreNumber =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** js-yaml's node kinds, as stored in {@link Nodes.kind}. */
const NONE = 0;
const SCALAR = 1;
const MAPPING = 2;
const SEQUENCE = 3;

/**
 * Where every node of a document begins, as flat arrays rather than an object per node: a
 * 10,000-test suite has some 300,000 nodes, and its index lives as long as the suite. Nodes are
 * numbered in the order js-yaml opens them; node 0 stands for the document itself.
 */
class Nodes {
  /** Offset where js-yaml began reading the node (before separating space). */
  start = new Int32Array(1024);
  kind = new Uint8Array(1024);
  /** First child, next sibling (-1: none). A mapping's children are key, value, key, value… */
  first = new Int32Array(1024);
  next = new Int32Array(1024);
  /** Children counted, after js-yaml's extra nesting is folded away (see the listener). */
  count = new Int32Array(1024);
  size = 0;
  /** The text of mapping keys, by node. */
  keys: Array<string | undefined> = [];
  /** The children of sequences, by node, for look-up by index. */
  items: Array<number[] | undefined> = [];

  /** The key after mapping key `k` (two siblings on), or -1. */
  nextKey(k: number): number {
    const value = this.next[k]!;
    return value === -1 ? -1 : this.next[value]!;
  }

  add(start: number): number {
    if (this.size === this.start.length) this.grow();
    const i = this.size++;
    this.start[i] = start;
    this.kind[i] = NONE;
    this.first[i] = -1;
    this.next[i] = -1;
    this.count[i] = 0;
    return i;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const more = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.start = more(this.start);
    this.kind = more(this.kind);
    this.first = more(this.first);
    this.next = more(this.next);
    this.count = more(this.count);
  }
}

/** Offsets and line starts of one document, and look-up by document path. */
export class FastIndex {
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly nodes: Nodes,
    private readonly top: number,
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
    const n = this.nodes;
    let node = this.top;
    let offset = this.contentStart(n.start[node]!);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (n.kind[node] === MAPPING) {
        const name = String(seg);
        let k = n.first[node]!;
        while (k !== -1 && n.keys[k] !== name) k = n.nextKey(k);
        if (k === -1 || n.next[k] === -1) break;
        if (i === path.length - 1 && part === 'key') return this.contentStart(n.start[k]!);
        node = n.next[k]!;
        // `prompt:` with no value: after the colon and spaces, where the empty node would be.
        offset = n.kind[node] === NONE ? this.spaceEnd(n.start[node]!) : this.contentStart(n.start[node]!);
      } else if (n.kind[node] === SEQUENCE) {
        const item = n.items[node]?.[Number(seg)];
        if (item === undefined) break;
        node = item;
        offset = this.contentStart(n.start[node]!);
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
  // Newlines are looked for inside the scalar only: a search to the end of the text for each of
  // a one-line document's scalars would make reading it quadratic.
  let nl = newlineIn(text, from, to);
  if (nl === -1) return true;
  let p = from;
  while (p < to && (text[p] === ' ' || text[p] === '\t' || text[p] === '\n' || text[p] === '\r')) p++;
  if (text[p] === '|' || text[p] === '>') return true;
  const parentAt = contentStart(text, parentStart);
  if (text[parentAt] === '{' || text[parentAt] === '[') return false;
  const indent = parentAt - (text.lastIndexOf('\n', parentAt - 1) + 1);
  for (; nl !== -1; nl = newlineIn(text, nl + 1, to)) {
    let q = nl + 1;
    while (text[q] === ' ') q++;
    const c = text[q];
    if (q >= to || c === '\n' || c === '\r') continue;
    if (q - nl - 1 <= indent) return false;
  }
  return true;
}

/** The first `\n` in `text[from, to)`, or -1. */
function newlineIn(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x0a) return i;
  return -1;
}

/**
 * Parses `text` on the fast path: the value and a position index, or null when the document is
 * not one the fast path takes (see the file comment) — the caller then uses the careful parser.
 */
export function parseYamlFast(text: string): { value: unknown; index: FastIndex } | null {
  const n = new Nodes();
  // Values by node, while parsing only: the listener compares children with their parent.
  const results: unknown[] = [];
  // The open nodes: node, its last child so far; frame 0 is the document (node 0).
  const open: number[] = [n.add(0)];
  const last: number[] = [-1];
  let depth = 1;
  let plain = true;
  const listener = (event: 'open' | 'close', state: State): void => {
    if (!plain) return;
    if (event === 'open') {
      // Nesting deeper than the careful parser allows: let it say so.
      if (depth > maxDepth + 1) plain = false;
      const node = n.add(state.position);
      const parent = open[depth - 1]!;
      const prev = last[depth - 1]!;
      if (prev === -1) n.first[parent] = node;
      else n.next[prev] = node;
      last[depth - 1] = node;
      n.count[parent]!++;
      open[depth] = node;
      last[depth] = -1;
      depth++;
      return;
    }
    depth--;
    const node = open[depth]!;
    const start = n.start[node]!;
    if ((state as State & { anchor: string | null }).anchor !== null) plain = false;
    const kind =
      state.kind === 'scalar'
        ? SCALAR
        : state.kind === 'mapping'
          ? MAPPING
          : state.kind === 'sequence'
            ? SEQUENCE
            : NONE;
    n.kind[node] = kind;
    const result: unknown = state.result;
    results[node] = result;
    if (kind === SCALAR && depth > 1) {
      if (!continuationIndented(text, start, state.position, n.start[open[depth - 1]!]!)) plain = false;
    }
    // js-yaml takes `"text"# note` as a comment; YAML (and the careful parser) wants a space first.
    if (text.charCodeAt(state.position) === 0x23) plain = false;
    if (typeof result === 'number' && !coreNumber.test(text.slice(start, state.position).trim()))
      plain = false;
    // js-yaml sometimes nests a collection in a node of its own: keep one level.
    const only = n.first[node]!;
    if (n.count[node] === 1 && results[only] === result && result !== null && typeof result === 'object') {
      n.first[node] = n.first[only]!;
      n.count[node] = n.count[only]!;
    }
    if (kind === SEQUENCE) {
      // `[a: b]` pairs have no node of their own: items and nodes would not line up.
      if (n.count[node] !== (result as unknown[]).length) plain = false;
      const items: number[] = [];
      for (let k = n.first[node]!; k !== -1; k = n.next[k]!) items.push(k);
      n.items[node] = items;
    } else if (kind === MAPPING && n.count[node]! > 0) {
      // A flow entry with no value (`{ a, b: 1 }`) has no node: keys and values would not pair up.
      if (n.count[node] !== 2 * Object.keys(result as object).length) plain = false;
      for (let k = n.first[node]!; k !== -1; k = n.nextKey(k)) {
        const key = results[k];
        if (typeof key !== 'string' || key === '<<') plain = false;
        else n.keys[k] = key;
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
  const top = n.first[0]!;
  if (top === -1) return null;
  return { value, index: new FastIndex(text, n, top) };
}
