/**
 * `tools:` of a suite or a test (SPEC §10): OpenAI function definitions, flat
 * (`{name, description, parameters}`) or wrapped (`{type: function, function: {...}}`), inline or
 * from `file://tools.json`, each with an optional `mock` (a table by arguments, or
 * `file://module.js`). Built here with the document path of each tool, for the checks.
 */
import type { ToolMock, ToolSpec } from '../contracts/case.js';
import type { ToolDefinition } from '../contracts/chat.js';
import type { BuildContext } from './build-context.js';
import type { PathSeg } from './document-path.js';
import { isFileRef, resolveRef } from './file-ref.js';
import { checkRefExists, readRef } from './test-parts.js';

/** Model calls of one user turn when `max_steps` is not set. */
export const defaultMaxSteps = 6;

/** A built tool and where it is written (the `file://` reference for tools read from a file). */
export interface BuiltTool {
  spec: ToolSpec;
  /** Document path of the tool (or of the `tools: file://…` value). */
  path: PathSeg[];
  /** Set for a tool read from a file: its index there, for messages. */
  fileIndex?: number;
  /** Document path of its `parameters` and `mock`, when written inline. */
  parametersPath: PathSeg[] | null;
  mockPath: PathSeg[] | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads a `tools:` value at `path`; undefined when there is none. Problems go to ctx.diags. */
export async function buildTools(
  ctx: BuildContext,
  raw: unknown,
  path: PathSeg[],
): Promise<BuiltTool[] | undefined> {
  if (raw === undefined) return undefined;
  if (isFileRef(raw)) {
    const text = await readRef(ctx, raw, path, 'tools');
    if (text === undefined) return [];
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch (err) {
      ctx.diags.push(
        ctx.locator.diag(path, `tools file ${raw} is not valid JSON: ${(err as Error).message}`),
      );
      return [];
    }
    if (!Array.isArray(list)) {
      ctx.diags.push(ctx.locator.diag(path, `tools file ${raw} must hold a JSON array of tools`));
      return [];
    }
    const out: BuiltTool[] = [];
    for (const [i, t] of list.entries()) {
      const tool = await buildTool(ctx, t, path, null);
      if (tool) out.push({ ...tool, fileIndex: i });
      else ctx.diags.push(ctx.locator.diag(path, `tools file ${raw}: entry ${i} has no function name`));
    }
    return out;
  }
  if (!Array.isArray(raw)) return [];
  const out: BuiltTool[] = [];
  for (const [i, t] of raw.entries()) {
    const tool = await buildTool(ctx, t, [...path, i], [...path, i]);
    if (tool) out.push(tool);
  }
  return out;
}

async function buildTool(
  ctx: BuildContext,
  raw: unknown,
  path: PathSeg[],
  inline: PathSeg[] | null,
): Promise<BuiltTool | undefined> {
  if (!isObj(raw)) return undefined;
  const wrapped = isObj(raw.function);
  const fn: Obj = wrapped ? (raw.function as Obj) : raw;
  if (typeof fn.name !== 'string' || fn.name === '') return undefined;
  const definition: ToolDefinition = {
    type: 'function',
    function: {
      name: fn.name,
      ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
      // The gateway requires `parameters`; a tool without arguments takes an empty object.
      parameters: isObj(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
      ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
    },
  };
  const fnPath = inline && wrapped ? [...inline, 'function'] : inline;
  const mockPath = inline ? [...inline, 'mock'] : path;
  const mock = await buildMock(ctx, raw.mock, mockPath);
  return {
    spec: { definition, ...(mock ? { mock } : {}) },
    path,
    parametersPath: fnPath && isObj(fn.parameters) ? [...fnPath, 'parameters'] : null,
    mockPath: inline && raw.mock !== undefined ? mockPath : null,
  };
}

async function buildMock(ctx: BuildContext, raw: unknown, path: PathSeg[]): Promise<ToolMock | undefined> {
  if (isFileRef(raw)) {
    await checkRefExists(ctx, raw, path, 'tool mock');
    return { kind: 'module', ref: raw, file: resolveRef(ctx.dir, raw) };
  }
  if (isObj(raw)) return { kind: 'table', table: raw };
  return undefined;
}

/** Suite tools overlaid by a test's own (a test's tool replaces the suite's of the same name). */
export function mergeTools(
  suite: BuiltTool[] | undefined,
  own: BuiltTool[] | undefined,
): BuiltTool[] | undefined {
  if (!suite && !own) return undefined;
  const byName = new Map<string, BuiltTool>();
  for (const t of [...(suite ?? []), ...(own ?? [])]) byName.set(t.spec.definition.function.name, t);
  return [...byName.values()];
}
