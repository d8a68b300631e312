/**
 * Reads YAML defensively and keeps source positions for every node, so any later diagnostic
 * (ajv's instancePath, a semantic check) names the exact `line:col` of the offending node.
 *
 * Hostile input gets one clear diagnostic: too large or binary (checked on the bytes, before
 * decoding), nested too deeply (checked before parsing: the parser recurses and can exhaust
 * memory on a 100,000-deep flow sequence), alias bombs (`maxAliasCount` when converting).
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as YamlLib from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { Diagnostic } from '../contracts/diagnostic.js';
import { formatPath, type Locator, type PathSeg } from './document-path.js';
import {
  checkBlockDepth,
  checkFlowDepth,
  decodeText,
  maxAliasCount,
  maxDepth,
  maxFileBytes,
} from './source-limits.js';
import { type FastIndex, parseYamlFast } from './yaml-fast.js';

let yamlLib: typeof YamlLib | undefined;
/** yaml's document model, loaded only when a document takes the careful path (it is slow to load). */
const Y = (): typeof YamlLib => {
  yamlLib ??= createRequire(import.meta.url)('yaml') as typeof YamlLib;
  return yamlLib;
};

/** 1-based line and column of an offset, without a LineCounter (pre-parse problems, template holes). */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** `diag` for every locator: the position from `locate`, the path formatted. */
abstract class BaseLocator implements Locator {
  constructor(protected readonly file: string) {}

  abstract locate(path: readonly PathSeg[], part?: 'key' | 'value'): { line: number; col: number };

  diag(
    path: readonly PathSeg[],
    message: string,
    extra: { part?: 'key' | 'value'; suggestion?: string; severity?: 'error' | 'warning' } = {},
  ): Diagnostic {
    const d: Diagnostic = {
      file: this.file,
      ...this.locate(path, extra.part),
      path: formatPath(path),
      message,
    };
    if (extra.suggestion) d.suggestion = extra.suggestion;
    if (extra.severity) d.severity = extra.severity;
    return d;
  }
}

class DocumentLocator extends BaseLocator {
  constructor(
    file: string,
    private readonly doc: Document | null,
    private readonly lines: LineCounter | null,
  ) {
    super(file);
  }

  at(offset: number): { line: number; col: number } {
    if (!this.lines) return { line: 1, col: 1 };
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  locate(path: readonly PathSeg[], part: 'key' | 'value' = 'value'): { line: number; col: number } {
    let node: unknown = this.doc?.contents ?? null;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      if (Y().isAlias(node) && this.doc) node = node.resolve(this.doc);
      const seg = path[i]!;
      if (Y().isMap(node)) {
        const pair = node.items.find(
          (p) => Y().isPair(p) && Y().isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (!pair) break;
        const key = pair.key as Node | null;
        if (i === path.length - 1 && part === 'key' && key?.range) return this.at(key.range[0]);
        node = pair.value;
        // `prompt:` with no value has no node of its own: point at the key.
        const r = (node as Node | null)?.range ?? key?.range;
        if (r) offset = r[0];
      } else if (Y().isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        node = item;
        if (item.range) offset = item.range[0];
      } else break;
    }
    return this.at(offset);
  }
}

/**
 * Reads a text file with the byte-level guards (size, NUL bytes, invalid UTF-8); a leading BOM
 * is dropped. Problems go to `diags` at their position; null when the file is not usable.
 */
export async function readTextFile(
  abs: string,
  file: string,
  diags: Diagnostic[],
  what: string,
  maxBytes: number = maxFileBytes,
): Promise<string | null> {
  const problem = (line: number, col: number, message: string) => {
    diags.push({ file, line, col, path: '', message });
    return null;
  };
  let size: number;
  try {
    const st = await stat(abs);
    if (!st.isFile()) return problem(1, 1, `${what} is not a regular file`);
    size = st.size;
  } catch (err) {
    return problem(1, 1, `cannot read ${what}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (size > maxBytes) {
    const hint = maxBytes === maxFileBytes ? ' (split it, or move rows into a .jsonl/.csv dataset)' : '';
    return problem(
      1,
      1,
      `${what} is ${(size / 1024 / 1024).toFixed(1)} MB; at most ${maxBytes / 1024 / 1024} MB is read${hint}`,
    );
  }
  const decoded = decodeText(await readFile(abs));
  if ('text' in decoded) return decoded.text;
  const { line, col } = lineCol(decoded.before, decoded.before.length);
  return problem(line, col, `${what}: ${decoded.message}`);
}

/** yaml's messages, minus advice about its own API. */
function yamlMessage(code: string, message: string, source: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  if (code === 'MULTIPLE_DOCS') return 'the file holds several YAML documents (---); expected exactly one';
  if (code === 'DUPLICATE_KEY') {
    const key = source.length > 0 && source.length <= 60 && !source.includes('\n') ? ` "${source}"` : '';
    return `duplicate key${key}: a key may appear only once in a mapping`;
  }
  // The parser recurses per level; a stack overflow it caught means absurd nesting.
  if (/call stack/i.test(first)) return `nesting is deeper than ${maxDepth} levels; flatten the document`;
  return `YAML syntax error: ${first}`;
}

/** Offset of the first collection nested deeper than `maxDepth` (iterative: aliases not followed). */
function deepNodeOffset(root: unknown): number | null {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!Y().isMap(node) && !Y().isSeq(node)) continue;
    if (depth > maxDepth) return (node as Node).range?.[0] ?? 0;
    for (const item of node.items as unknown[]) {
      if (Y().isPair(item)) stack.push([item.value, depth + 1], [item.key, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return null;
}

function firstAliasOffset(root: unknown): number | null {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Y().isAlias(node)) return node.range?.[0] ?? null;
    if (!Y().isMap(node) && !Y().isSeq(node)) continue;
    for (const item of [...(node.items as unknown[])].reverse()) {
      if (Y().isPair(item)) stack.push(item.value, item.key);
      else stack.push(item);
    }
  }
  return null;
}

/**
 * Gives the parsed value strings of their own, equal ones sharing one copy. yaml's scalars can
 * be slices of the file's text, and one slice kept (a description, a prompt) keeps the whole
 * text alive; 10,000 tests also repeat the same short values (types, tags, units) 10,000 times.
 */
function ownStrings(root: unknown, tree = false): unknown {
  const strings = new Map<string, string>();
  const own = (s: string): string => {
    // Long texts (prompts) are rarely repeated: copied, not looked up.
    if (s.length > 64) return ` ${s}`.slice(1);
    let c = strings.get(s);
    if (c === undefined) {
      // V8 slices strings of 13 characters or more; a fresh concatenation flattens into a new one.
      c = s.length < 13 ? s : ` ${s}`.slice(1);
      strings.set(s, c);
    }
    return c;
  };
  if (typeof root === 'string') return own(root);
  // A tree (the fast path: no aliases) reaches each node once; yaml's documents may share nodes.
  const seen = tree ? undefined : new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (seen) {
      if (seen.has(v)) continue;
      seen.add(v);
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'string') v[i] = own(x);
        else if (x !== null && typeof x === 'object') stack.push(x);
      }
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) {
      // `__proto__` is an own data key here (the parsers define it); assigning it would set the
      // prototype. Parsed mappings are plain objects: `for…in` sees only their own keys.
      if (k === '__proto__') continue;
      const x = o[k];
      if (typeof x === 'string') o[k] = own(x);
      else if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return root;
}

/** A locator over the fast path's position index. */
class FastLocator extends BaseLocator {
  constructor(
    file: string,
    private readonly index: FastIndex,
  ) {
    super(file);
  }

  locate(path: readonly PathSeg[], part: 'key' | 'value' = 'value'): { line: number; col: number } {
    return this.index.at(this.index.offset(path, part));
  }
}

/**
 * Parses one YAML document with positions. Every problem (syntax, duplicate key, several
 * documents, nesting, alias bomb) goes to `diags`; `value` is undefined when there was one.
 * Plain documents take the fast path (yaml-fast.ts); the rest, and every document with a
 * problem, the careful one.
 */
export function parseYaml(
  text: string,
  file: string,
  diags: Diagnostic[],
): { value: unknown; locator: Locator } {
  // The fast path measures nesting exactly as it parses (and a stack overflow there only sends
  // the text on), so the byte scans for absurd nesting guard the careful parser alone.
  const fast = parseYamlFast(text);
  if (fast) return { value: ownStrings(fast.value, true), locator: new FastLocator(file, fast.index) };
  const deep = checkFlowDepth(text) ?? checkBlockDepth(text);
  if (deep) {
    diags.push({
      file,
      ...lineCol(text, deep.offset),
      path: '',
      message: `${deep.message}; flatten the document`,
    });
    return { value: undefined, locator: new DocumentLocator(file, null, null) };
  }
  return parseYamlCareful(text, file, diags);
}

/** The careful path: yaml's document model, every problem positioned (depth checked by the caller). */
export function parseYamlCareful(
  text: string,
  file: string,
  diags: Diagnostic[],
): { value: unknown; locator: Locator } {
  const lines = new (Y().LineCounter)();
  const doc = Y().parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    merge: true,
  });
  const locator = new DocumentLocator(file, doc, lines);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const opened =
        e.code === 'MISSING_CHAR' && /closing ["']?quote/.test(e.message) ? unclosedQuoteAt(text) : null;
      if (opened !== null) {
        // yaml reports where the text ran out; the mistake is where the quote opened.
        const at = locator.at(opened);
        diags.push({
          file,
          ...at,
          path: '',
          message: `YAML syntax error: unclosed quote opened at ${at.line}:${at.col}; the string runs on to the end of the file — close it`,
        });
        continue;
      }
      const source = /^[^:\n]*/.exec(text.slice(e.pos[0], e.pos[0] + 80))![0].trim();
      diags.push({
        file,
        ...locator.at(e.pos[0]),
        path: '',
        message: yamlMessage(e.code, e.message, source),
      });
    }
    return { value: undefined, locator };
  }
  const tooDeep = deepNodeOffset(doc.contents);
  if (tooDeep !== null) {
    diags.push({
      file,
      ...locator.at(tooDeep),
      path: '',
      message: `nesting is deeper than ${maxDepth} levels; flatten the document`,
    });
    return { value: undefined, locator };
  }
  try {
    return { value: ownStrings(doc.toJS({ maxAliasCount })), locator };
  } catch (err) {
    const at = locator.at(firstAliasOffset(doc.contents) ?? 0);
    const message = /alias/i.test((err as Error).message)
      ? `aliases expand to too many nodes (more than ${maxAliasCount}); this looks like an alias bomb`
      : `cannot read the document: ${(err as Error).message}`;
    diags.push({ file, ...at, path: '', message });
    return { value: undefined, locator };
  }
}

/** Where the first quoted scalar that never closes opens (yaml's token stream), or null. */
function unclosedQuoteAt(text: string): number | null {
  const { Parser, CST } = Y();
  let found: number | null = null;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      const v = item.value;
      if (found !== null || !v || (v.type !== 'double-quoted-scalar' && v.type !== 'single-quoted-scalar'))
        return;
      const quote = v.type === 'double-quoted-scalar' ? '"' : "'";
      const body = v.source.trimEnd();
      if (body.length < 2 || !body.endsWith(quote) || (quote === '"' && /(^|[^\\])(\\\\)*\\"$/.test(body))) {
        found = v.offset;
      }
    });
    if (found !== null) break;
  }
  return found;
}
