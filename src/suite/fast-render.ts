/**
 * A fast path for the templates nearly every suite uses: plain text with `{{name}}` or
 * `{{a.b}}` holes. Handlebars sets up helpers and prototype guards on every call, which
 * dominates when 100,000 cases each render a few short templates; these templates are split
 * once into parts and joined per case with Handlebars' own semantics (null/undefined → '',
 * anything else `String(value)`, own properties only). Anything else goes to Handlebars.
 */
import { render } from './templates.js';

type Renderer = (ctx: Record<string, unknown>) => string;

const cache = new Map<string, Renderer>();
const hole = /\{\{\s*([A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*)\s*\}\}/g;

function lookup(ctx: unknown, path: readonly string[]): unknown {
  let v = ctx;
  for (const key of path) {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'object' && typeof v !== 'string') return undefined;
    // Handlebars only reads own properties (its prototype-access guard).
    if (!Object.hasOwn(v as object, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function compile(source: string): Renderer {
  if (!source.includes('{{')) return () => source;
  if (source.includes('{{{')) return (ctx) => render(source, ctx);
  const texts: string[] = [];
  const paths: string[][] = [];
  let last = 0;
  for (const m of source.matchAll(hole)) {
    texts.push(source.slice(last, m.index));
    paths.push(m[1]!.split('.'));
    last = m.index + m[0].length;
  }
  const tail = source.slice(last);
  // Any other mustache syntax (blocks, helpers, comments, escapes, `~`) needs Handlebars.
  if ([...texts, tail].some((t) => t.includes('{{') || t.includes('}}') || t.includes('\\'))) {
    return (ctx) => render(source, ctx);
  }
  if (paths.some((p) => p[0] === 'this' || p.includes('__proto__') || p.includes('constructor'))) {
    return (ctx) => render(source, ctx);
  }
  return (ctx) => {
    let out = texts[0]!;
    for (let i = 0; i < paths.length; i++) {
      const v = lookup(ctx, paths[i]!);
      if (v !== null && v !== undefined) out += String(v);
      out += i + 1 < texts.length ? texts[i + 1]! : tail;
    }
    return out;
  };
}

/** Renders a template like `render()` in templates.ts, faster for plain `{{var}}` templates. */
export function fastRender(source: string, ctx: Record<string, unknown>): string {
  let r = cache.get(source);
  if (!r) {
    r = compile(source);
    cache.set(source, r);
  }
  return r(ctx);
}
