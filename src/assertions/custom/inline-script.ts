import vm from 'node:vm';
import { AssertionEvaluationError, AssertionOptionsError } from '../types.js';
import type { ScriptContext } from './script-context.js';

/**
 * Inline `javascript` code, run in its own V8 context with a time limit. The context's microtask
 * queue is drained inside `runInContext` (`microtaskMode: 'afterEvaluate'`), so the timeout also
 * stops an endless `async` loop, not only `while (true) {}`. The code cannot reach the host
 * (no `process`, no environment, no key): its global is a bare object of its own realm and code
 * generation from strings is off. It is still not a security boundary against a determined
 * attacker (suite files are code: README); it keeps honest mistakes and copied snippets away from
 * the key.
 */

export type ScriptRun = (output: string, context: ScriptContext) => Promise<unknown>;

/**
 * Code with a newline or a `return` is a function body; anything else is tried as an expression
 * first (`output.length < 100`) and as a statement list when it is not one (`while (x) {}`).
 */
function functionSources(code: string): string[] {
  const wrap = (body: string) => `globalThis.__qevalFn = async function (output, context) {\n${body}\n};`;
  if (/\n|\breturn\b/.test(code.trim())) return [wrap(code)];
  return [wrap(`return (${code}\n);`), wrap(code)];
}

const invoke = new vm.Script(
  `globalThis.__qevalResult = undefined;
__qevalFn(__qevalOutput, JSON.parse(__qevalContext)).then(
  (value) => { globalThis.__qevalResult = { ok: true, value }; },
  (error) => { globalThis.__qevalResult = { ok: false, error }; },
);`,
  { filename: 'qeval-javascript-invoke.js' },
);

/** Compiles inline code once (syntax errors throw here) and returns a runner with a time limit. */
export function compileInlineScript(code: string, timeoutMs: number): ScriptRun {
  let define: vm.Script | undefined;
  let firstError: unknown;
  for (const source of functionSources(code)) {
    try {
      define = new vm.Script(source, { filename: 'javascript-assertion.js' });
      break;
    } catch (e) {
      firstError ??= e;
    }
  }
  if (!define)
    throw new AssertionOptionsError(
      `javascript: the code does not compile: ${(firstError as Error).message}`,
    );
  const script = define;
  let context: vm.Context | undefined;
  return async (output, scriptCtx) => {
    if (!context) {
      // A sandbox object without a prototype: with `{}`, the context's global would reach the
      // host's Object through `constructor`, and from it the host's Function and `process`.
      context = vm.createContext(Object.create(null), {
        microtaskMode: 'afterEvaluate',
        codeGeneration: { strings: false, wasm: false },
      });
      script.runInContext(context);
    }
    // Data crosses as a string so the code sees its own realm's objects (instanceof Array works).
    context.__qevalOutput = output;
    context.__qevalContext = JSON.stringify(scriptCtx);
    try {
      invoke.runInContext(context, { timeout: timeoutMs });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        // A timed-out context may be left mid-loop; start the next case in a fresh one.
        context = undefined;
        throw new AssertionEvaluationError(`javascript: timed out after ${timeoutMs} ms`);
      }
      throw new AssertionEvaluationError(`javascript: ${errorText(e)}`);
    }
    const result = context.__qevalResult as { ok: boolean; value?: unknown; error?: unknown } | undefined;
    if (!result) {
      throw new AssertionEvaluationError(
        'javascript: the code returned a promise that never settled (inline code cannot wait on timers or I/O; use a file:// module)',
      );
    }
    if (!result.ok) throw new AssertionEvaluationError(`javascript threw: ${errorText(result.error)}`);
    return result.value;
  };
}

/** A thrown value's message, whichever realm its Error class came from. */
export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const name = 'name' in e && typeof e.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
    return `${name}${String((e as { message: unknown }).message)}`;
  }
  return String(e);
}
