/**
 * Handlebars templates of prompts, system messages, assertion values and grader prompts: one
 * isolated environment (no HTML escaping: prompts are not HTML, and a grader must see `<`, `&`
 * and quotes exactly as the model wrote them), each distinct source compiled once.
 */
import { createRequire } from 'node:module';
import type HandlebarsNs from 'handlebars';
import { lineCol } from './yaml-source.js';

let env: typeof HandlebarsNs | undefined;
/** The isolated Handlebars environment, loaded (about 30 ms) on the first template that needs it. */
function hb(): typeof HandlebarsNs {
  if (!env) {
    const lib = createRequire(import.meta.url)('handlebars') as typeof HandlebarsNs;
    env = lib.create();
  }
  return env;
}
const compiled = new Map<string, HandlebarsNs.TemplateDelegate>();

/** Names every template may use without defining them. */
export const builtinVars: ReadonlySet<string> = new Set(['lang', 'model', 'test']);
/** Fields of the `test` built-in. */
export const testFields: ReadonlySet<string> = new Set(['id', 'name']);
const blockHelpers = new Set(['if', 'unless', 'each', 'with']);
const helpers = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

/** Whether a string contains template syntax at all (most values do not). */
export function isTemplate(source: string): boolean {
  return source.includes('{{');
}

/**
 * A template compiled in the isolated environment, without HTML escaping, cached by source text.
 * Handlebars compiles lazily: a syntax error shows on the first call.
 */
export function compileTemplate(source: string): HandlebarsNs.TemplateDelegate {
  let fn = compiled.get(source);
  if (!fn) {
    fn = hb().compile(source, { noEscape: true, strict: false });
    compiled.set(source, fn);
  }
  return fn;
}

/** Renders a template with a context. */
export function render(source: string, context: Record<string, unknown>): string {
  return isTemplate(source) ? compileTemplate(source)(context) : source;
}

/** A variable a template reads, with its 1-based position inside the template. */
export interface VarRef {
  name: string;
  /** `id` for `{{test.id}}`. */
  field?: string;
  line: number;
  col: number;
}

/** The variables a template reads, or the reason it cannot be compiled. */
export interface TemplateInfo {
  vars: VarRef[];
  error?: { message: string; line: number; col: number };
}

const infos = new Map<string, TemplateInfo>();

type Node = { type: string; loc?: { start: { line: number; column: number } } } & Record<string, unknown>;

const simpleHole = /\{\{(\s*)([A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*)\s*\}\}/g;
/** Names Handlebars reads as literals or keywords, not variables. */
const literals = new Set(['true', 'false', 'null', 'undefined', 'else']);

/**
 * The variables of a template made only of text and `{{name}}` / `{{a.b}}` holes, with the
 * positions Handlebars gives them; undefined for anything else (braces outside holes, `this`,
 * literals, `\r`, escapes), which Handlebars then parses. A test holds the two to the same answer.
 */
export function inspectSimple(source: string): TemplateInfo | undefined {
  if (source.includes('\r') || source.includes('\\')) return undefined;
  const vars: VarRef[] = [];
  let last = 0;
  for (const m of source.matchAll(simpleHole)) {
    const text = source.slice(last, m.index);
    if (text.includes('{') || text.includes('}')) return undefined;
    const parts = m[2]!.split('.');
    if (parts[0] === 'this' || literals.has(parts[0]!)) return undefined;
    vars.push({
      name: parts[0]!,
      ...(parts[1] !== undefined ? { field: parts[1] } : {}),
      ...lineCol(source, m.index + 2 + m[1]!.length),
    });
    last = m.index + m[0].length;
  }
  const tail = source.slice(last);
  if (tail.includes('{') || tail.includes('}')) return undefined;
  return { vars };
}

/**
 * Parses a template once and lists the root variables it reads in the top-level context.
 * Bodies of `each`/`with` blocks change the context, so names inside them are not checked.
 */
export function inspectTemplate(source: string): TemplateInfo {
  let info = infos.get(source);
  if (info) return info;
  // Plain `{{name}}` holes are read without Handlebars.
  info = isTemplate(source) ? (inspectSimple(source) ?? parseTemplate(source)) : { vars: [] };
  infos.set(source, info);
  return info;
}

/** Handlebars' reading of a template: its variables, or where and why it does not compile. */
function parseTemplate(source: string): TemplateInfo {
  try {
    const ast = hb().parse(source) as unknown as Node;
    const info: TemplateInfo = { vars: [] };
    walk(ast, info);
    return info;
  } catch (err) {
    const e = err as Error & { loc?: Node['loc']; lineNumber?: number; column?: number };
    const msg = e.message ?? String(err);
    const m = /line (\d+)/.exec(msg);
    const detail = msg.split('\n').filter(Boolean).at(-1) ?? msg;
    const at = e.loc
      ? pos({ type: '', loc: e.loc })
      : { line: e.lineNumber ?? (m ? Number(m[1]) : 1), col: (e.column ?? 0) + 1 };
    return { vars: [], error: { message: `template does not compile: ${detail}`, ...at } };
  }
}

function pos(node: Node): { line: number; col: number } {
  return { line: node.loc?.start.line ?? 1, col: (node.loc?.start.column ?? 0) + 1 };
}

function walkExpr(node: Node, info: TemplateInfo): void {
  if (node.type === 'PathExpression') {
    const p = node as Node & { data: boolean; depth: number; parts: string[]; original: string };
    if (
      p.data ||
      p.depth > 0 ||
      p.parts.length === 0 ||
      p.original === 'this' ||
      p.original.startsWith('this.')
    )
      return;
    info.vars.push({
      name: p.parts[0]!,
      ...(p.parts[1] !== undefined ? { field: p.parts[1] } : {}),
      ...pos(node),
    });
  } else if (node.type === 'SubExpression') {
    walkCall(node, info);
  }
}

function walkCall(node: Node, info: TemplateInfo): void {
  const path = node.path as Node & { original?: string };
  const name = path.type === 'PathExpression' ? String(path.original) : '';
  if (!helpers.has(name)) throw Object.assign(new Error(`unknown helper "${name}"`), { loc: node.loc });
  for (const p of (node.params as Node[]) ?? []) walkExpr(p, info);
  for (const pair of (node.hash as { pairs?: Array<{ value: Node }> } | undefined)?.pairs ?? [])
    walkExpr(pair.value, info);
}

function walk(node: Node, info: TemplateInfo): void {
  switch (node.type) {
    case 'Program':
      for (const s of node.body as Node[]) walk(s, info);
      return;
    case 'MustacheStatement': {
      const params = node.params as Node[];
      const hash = node.hash as { pairs?: unknown[] } | undefined;
      if (params.length === 0 && !hash?.pairs?.length) walkExpr(node.path as Node, info);
      else walkCall(node, info);
      return;
    }
    case 'BlockStatement': {
      const name = String((node.path as Node & { original?: string }).original);
      if (!blockHelpers.has(name)) {
        throw Object.assign(new Error(`unknown block helper "#${name}"`), { loc: node.loc });
      }
      for (const p of node.params as Node[]) walkExpr(p, info);
      if (name === 'if' || name === 'unless') {
        if (node.program) walk(node.program as Node, info);
      }
      if (node.inverse) walk(node.inverse as Node, info);
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      throw Object.assign(new Error('partials and decorators are not supported in qeval templates'), {
        loc: node.loc,
      });
    default:
      return;
  }
}
