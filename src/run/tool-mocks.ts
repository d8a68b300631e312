/**
 * Runs one tool call against the case's mocks (SPEC §10): a table looked up by the arguments,
 * or a module's default export `(args, ctx) → result` in a worker, as a `javascript`
 * assertion's file runs. Whatever goes wrong becomes an error result the model sees, never a throw.
 */
import { pathToFileURL } from 'node:url';
import { runFileScript } from '../assertions/custom/file-script.js';
import type { ToolMock } from '../contracts/case.js';
import { lookupMock } from '../suite/mock-table.js';

/** How long a mock module may take. */
export const mockTimeoutMs = 5_000;

/** What a tool call returned: the text sent back to the model, and the error if it was one. */
export interface ToolOutcome {
  content: string;
  error?: string;
}

/** What a mock module receives beside the arguments. Plain data (it is posted to a worker). */
export interface MockContext {
  tool: string;
  call_id: string;
  step: number;
  turn: number;
  case_id: string;
  test_id: string;
  lang: string | null;
  vars: Record<string, unknown>;
}

/** The tool result as the model reads it: text as it is, anything else as JSON. */
function asContent(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value === undefined ? null : value);
}

/** An error result: the model reads `{"error": "…"}` and may try again. */
export function errorOutcome(message: string): ToolOutcome {
  return { content: JSON.stringify({ error: message }), error: message };
}

/** Runs the mock of one call whose arguments were read as `args`. */
export async function runMock(
  mock: ToolMock | undefined,
  args: Record<string, unknown>,
  context: MockContext,
): Promise<ToolOutcome> {
  if (!mock) return errorOutcome(`tool "${context.tool}" has no mock in the suite, so it has no result`);
  if (mock.kind === 'table') {
    const hit = lookupMock(mock.table, args);
    if (!hit) {
      return errorOutcome(
        `no mock result of "${context.tool}" for ${JSON.stringify(args)} (add a key for it, or "*")`,
      );
    }
    return { content: asContent(hit.value) };
  }
  try {
    const value = await runFileScript(
      pathToFileURL(mock.file).href,
      undefined,
      args,
      context,
      mockTimeoutMs,
      `tool mock of "${context.tool}"`,
    );
    return { content: asContent(value) };
  } catch (err) {
    return errorOutcome((err as Error).message);
  }
}
