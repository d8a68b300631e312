/**
 * What `validate` checks of `tools:` (SPEC §10): each tool's `parameters` is a JSON Schema,
 * names are not declared twice, mock keys are `*` or `name=value` pairs naming declared
 * parameters, and every tool an assertion names is one the test declares.
 */
import { parseAssertionType } from '../catalog/assertions.js';
import { suggest } from '../catalog/suggest.js';
import type { AssertionSpec } from '../contracts/case.js';
import type { BuiltSuite, BuiltTest } from './build.js';
import type { BuildContext } from './build-context.js';
import type { PathSeg } from './document-path.js';
import { parseMockKey } from './mock-table.js';
import { schemaProblem } from './schema-problem.js';
import type { BuiltTool } from './tools.js';

/** Assertion types that name tools, and whether a name the test lacks is an error. */
const toolAssertions: Record<string, 'error' | 'warning'> = {
  'tool-call': 'error',
  'tool-calls': 'error',
  'tool-call-f1': 'error',
  // Never calling a tool the model cannot call always holds: worth a word, not a failure.
  'not-tool-call': 'warning',
};

/** Runs the tool checks; findings are pushed to ctx.diags. */
export function checkTools(built: BuiltSuite, ctx: BuildContext): void {
  for (const list of built.suiteTools) checkToolList(list, ctx);
  for (const t of built.tests) {
    checkToolList(t.ownTools, ctx);
    checkAssertedTools(t, ctx);
  }
}

function where(tool: BuiltTool): string {
  return tool.fileIndex === undefined ? '' : ` (entry ${tool.fileIndex} of the tools file)`;
}

function checkToolList(tools: BuiltTool[] | undefined, ctx: BuildContext): void {
  if (!tools) return;
  const seen = new Set<string>();
  for (const tool of tools) {
    const fn = tool.spec.definition.function;
    if (seen.has(fn.name) && tool.fileIndex === undefined) {
      ctx.diags.push(ctx.locator.diag(tool.path, `tool "${fn.name}" is declared twice`));
    }
    seen.add(fn.name);
    const problem = schemaProblem(fn.parameters);
    if (problem) {
      ctx.diags.push(
        ctx.locator.diag(
          tool.parametersPath ?? tool.path,
          `tool "${fn.name}"${where(tool)}: parameters is not a valid JSON Schema: ${problem}`,
        ),
      );
    } else if (fn.parameters.type !== undefined && fn.parameters.type !== 'object') {
      ctx.diags.push(
        ctx.locator.diag(
          tool.parametersPath ?? tool.path,
          `tool "${fn.name}"${where(tool)}: parameters must describe an object (type: object), the arguments the model sends`,
        ),
      );
    }
    checkMockKeys(tool, ctx);
  }
}

function checkMockKeys(tool: BuiltTool, ctx: BuildContext): void {
  const mock = tool.spec.mock;
  if (mock?.kind !== 'table') return;
  const fn = tool.spec.definition.function;
  const props = fn.parameters.properties;
  const declared =
    props !== null && typeof props === 'object' && !Array.isArray(props) ? Object.keys(props) : null;
  for (const key of Object.keys(mock.table)) {
    const at: PathSeg[] = tool.mockPath ? [...tool.mockPath, key] : tool.path;
    const parsed = parseMockKey(key);
    if (typeof parsed === 'string') {
      ctx.diags.push(ctx.locator.diag(at, `tool "${fn.name}"${where(tool)}: ${parsed}`, { part: 'key' }));
      continue;
    }
    if (parsed.kind === 'any' || !declared) continue;
    for (const [name] of parsed.pairs) {
      if (declared.includes(name)) continue;
      const near = suggest(name, declared);
      ctx.diags.push(
        ctx.locator.diag(
          at,
          `tool "${fn.name}"${where(tool)}: mock key "${key}" names "${name}", which is not one of its parameters (${declared.join(', ') || 'none'})`,
          { part: 'key', ...(near ? { suggestion: near } : {}) },
        ),
      );
    }
  }
}

/** Tool names an assertion refers to, with the document path of each. */
function namedTools(a: AssertionSpec, path: PathSeg[]): Array<{ name: string; at: PathSeg[] }> {
  const out: Array<{ name: string; at: PathSeg[] }> = [];
  if (typeof a.name === 'string' && a.name !== '') out.push({ name: a.name, at: [...path, 'name'] });
  if (Array.isArray(a.value)) {
    a.value.forEach((v, i) => {
      const name = typeof v === 'string' ? v : (v as { name?: unknown } | null)?.name;
      if (typeof name === 'string') out.push({ name, at: [...path, 'value', i] });
    });
  }
  return out;
}

function checkAssertedTools(t: BuiltTest, ctx: BuildContext): void {
  const declared = (t.spec.tools ?? []).map((x) => x.definition.function.name);
  const asserts = [...t.spec.assert];
  for (const a of asserts) {
    const parsed = parseAssertionType(a.type);
    const type = parsed ? (parsed.negated ? `not-${parsed.base}` : parsed.base) : a.type;
    const severity = toolAssertions[type];
    const path = ctx.assertionPaths.get(a);
    if (!severity || !path) continue;
    // `name` of tool-call and not-tool-call is the tool; of the others, the assertion's label.
    const names = namedTools(
      type === 'tool-call' || type === 'not-tool-call' ? a : { ...a, name: undefined },
      path,
    );
    for (const { name, at } of names) {
      if (declared.includes(name)) continue;
      const near = suggest(name, declared);
      const message =
        declared.length === 0
          ? `${type}: the test declares no tools (add \`tools:\` to the test or the suite)`
          : `${type}: tool "${name}" is not declared for this test (declared: ${declared.join(', ')})`;
      ctx.diags.push(
        ctx.locator.diag(at, message, {
          ...(severity === 'warning' ? { severity: 'warning' as const } : {}),
          ...(near ? { suggestion: near } : {}),
        }),
      );
    }
  }
}
