/**
 * The parts of a suite document that point elsewhere or hold templates: `file://` texts (read
 * here, positioned when missing), assertions and messages, each recorded with its template
 * sites so undefined variables can be reported where they are written.
 */
import { readFile, stat } from 'node:fs/promises';
import type { AssertionSpec } from '../contracts/case.js';
import type { ChatMessage } from '../contracts/chat.js';
import type { SourcePos } from '../contracts/diagnostic.js';
import type { BuildContext } from './build-context.js';
import { formatPath, type PathSeg } from './document-path.js';
import { displayPath, isFileRef, outsideOf, resolveRef } from './file-ref.js';
import { decodeText } from './source-limits.js';
import type { TemplateSite } from './template-site.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Reads a `file://` text (prompt, system, grader prompt); a diagnostic at `path` when missing. */
export async function readRef(
  ctx: BuildContext,
  ref: string,
  path: PathSeg[],
  what: string,
): Promise<string | undefined> {
  const abs = resolveRef(ctx.dir, ref);
  warnIfOutside(ctx, ref, abs, path, what);
  try {
    const st = await stat(abs);
    if (!st.isFile()) return notFound(ctx, ref, abs, path, what);
    if (st.size > 1024 * 1024) {
      ctx.diags.push(ctx.locator.diag(path, `${what} file ${ref} is larger than 1 MB`));
      return undefined;
    }
    // UTF-8 or UTF-16 with a BOM, as suites are; a binary or BOM-less UTF-16 file is not sent.
    const decoded = decodeText(await readFile(abs));
    if (!('text' in decoded)) {
      ctx.diags.push(ctx.locator.diag(path, `${what} file ${ref}: ${decoded.message}`));
      return undefined;
    }
    // An editor's final newline is not part of the prompt.
    return decoded.text.replace(/\r?\n$/, '');
  } catch {
    return notFound(ctx, ref, abs, path, what);
  }
}

/** A file read from outside the suite's folder (`file:///etc/passwd`) is sent to the model: say so. */
function warnIfOutside(ctx: BuildContext, ref: string, abs: string, path: PathSeg[], what: string): void {
  if (!outsideOf(ctx.dir, abs)) return;
  ctx.diags.push(
    ctx.locator.diag(
      path,
      `${what} file ${ref} is outside the suite's folder (${displayPath(abs, ctx.cwd)}); its content is read and sent — suite files are code, run them only from branches you trust`,
      { severity: 'warning' },
    ),
  );
}

function notFound(ctx: BuildContext, ref: string, abs: string, path: PathSeg[], what: string): undefined {
  ctx.diags.push(
    ctx.locator.diag(path, `${what} file not found: ${ref} (resolved to ${displayPath(abs, ctx.cwd)})`),
  );
  return undefined;
}

/** Checks a `file://` value that a later stage reads (json-schema, javascript, a tool mock). */
export async function checkRefExists(
  ctx: BuildContext,
  ref: string,
  path: PathSeg[],
  what: string,
): Promise<void> {
  const abs = resolveRef(ctx.dir, ref);
  warnIfOutside(ctx, ref, abs, path, what);
  const isFile = await stat(abs).then(
    (st) => st.isFile(),
    () => false,
  );
  if (!isFile) notFound(ctx, ref, abs, path, what);
}

/**
 * A template site inline in the suite document. Its position and path are worked out when first
 * read: only a diagnostic reads them, and 10,000 tests have tens of thousands of sites.
 */
class InlineSite implements TemplateSite {
  // Plain assignments, no field initialisers: one of these is made per template of every test.
  readonly source: string;
  private readonly ctx: BuildContext;
  private readonly segs: PathSeg[];
  private at: { line: number; col: number } | undefined;
  private formatted: string | undefined;

  constructor(source: string, ctx: BuildContext, segs: PathSeg[]) {
    this.source = source;
    this.ctx = ctx;
    this.segs = segs;
    this.at = undefined;
    this.formatted = undefined;
  }

  get wholeFile(): boolean {
    return false;
  }
  get file(): string {
    return this.ctx.file;
  }
  get line(): number {
    this.at ??= this.ctx.locator.locate(this.segs);
    return this.at.line;
  }
  get col(): number {
    this.at ??= this.ctx.locator.locate(this.segs);
    return this.at.col;
  }
  get path(): string {
    this.formatted ??= formatPath(this.segs);
    return this.formatted;
  }
}

function inlineSite(ctx: BuildContext, source: string, path: PathSeg[]): TemplateSite {
  return new InlineSite(source, ctx, path);
}

/** A string value: inline template (site recorded) or a `file://` template file read now. */
export async function textOrRef(
  ctx: BuildContext,
  v: unknown,
  path: PathSeg[],
  what: string,
  sites: TemplateSite[],
): Promise<string | undefined> {
  if (typeof v !== 'string') return undefined;
  if (!isFileRef(v)) {
    sites.push(inlineSite(ctx, v, path));
    return v;
  }
  const text = await readRef(ctx, v, path, what);
  if (text !== undefined) {
    sites.push({
      source: text,
      file: displayPath(resolveRef(ctx.dir, v), ctx.cwd),
      line: 1,
      col: 1,
      path: formatPath(path),
      wholeFile: true,
    });
  }
  return text;
}

/** Position of a document path as a SourcePos. */
export function pos(ctx: BuildContext, path: PathSeg[]): SourcePos {
  return { file: ctx.file, ...ctx.locator.locate(path) };
}

/** Assertions as written (defaults not yet merged), `file://` values checked, sites recorded. */
export async function buildAssertions(
  ctx: BuildContext,
  raw: unknown,
  path: PathSeg[],
  sites: TemplateSite[],
): Promise<AssertionSpec[]> {
  if (!Array.isArray(raw)) return [];
  const out: AssertionSpec[] = [];
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i];
    if (!isObj(a) || typeof a.type !== 'string') continue;
    const p = [...path, i];
    const { type, value } = a;
    // The options as written, then type, weight and position (a loop: object rest is slow here).
    const spec = {} as AssertionSpec;
    for (const key of Object.keys(a)) {
      if (key === 'type' || key === 'value' || key === 'weight') continue;
      // A `__proto__` key is data, as object rest would copy it, not the prototype.
      if (key === '__proto__')
        Object.defineProperty(spec, key, {
          value: a[key],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else spec[key] = a[key];
    }
    spec.type = type;
    spec.weight = num(a.weight) ?? 1;
    spec.pos = pos(ctx, p);
    if (value !== undefined) spec.value = value;
    ctx.assertionPaths.set(spec, p);
    const base = type.replace(/^not-/, '');
    if ((base === 'json-schema' || base === 'javascript') && isFileRef(value)) {
      await checkRefExists(ctx, value, [...p, 'value'], base === 'json-schema' ? 'JSON schema' : 'script');
    }
    if (typeof value === 'string' && !isFileRef(value)) sites.push(inlineSite(ctx, value, [...p, 'value']));
    if (Array.isArray(value)) {
      value.forEach((v, k) => {
        if (typeof v === 'string') sites.push(inlineSite(ctx, v, [...p, 'value', k]));
      });
    }
    out.push(spec);
  }
  return out;
}

/** Messages as written, their contents recorded as template sites. */
export function buildMessages(
  ctx: BuildContext,
  raw: unknown,
  path: PathSeg[],
  sites: TemplateSite[],
): ChatMessage[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: ChatMessage[] = [];
  raw.forEach((m, i) => {
    if (!isObj(m) || typeof m.role !== 'string') return;
    const content = m.content;
    if (typeof content === 'string') sites.push(inlineSite(ctx, content, [...path, i, 'content']));
    else if (Array.isArray(content)) {
      content.forEach((part, k) => {
        if (isObj(part) && typeof part.text === 'string')
          sites.push(inlineSite(ctx, part.text, [...path, i, 'content', k, 'text']));
      });
    } else return;
    out.push(m as unknown as ChatMessage);
  });
  return out;
}
