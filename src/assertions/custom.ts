import { runFileScript } from './custom/file-script.js';
import { compileInlineScript } from './custom/inline-script.js';
import { interpretScriptResult } from './custom/result.js';
import { scriptContext } from './custom/script-context.js';
import { isFileRef, resolveFileRef } from './file-ref.js';
import { optionalNumber, requireString } from './options.js';
import type { AssertionFactory } from './types.js';

/** Time limit of a `javascript` assertion when `timeout_ms` is not given. */
export const defaultScriptTimeoutMs = 5_000;

/**
 * `javascript`: an inline expression or function body (run in a vm context), or a `file://`
 * module's default (or `:named`) export (run in a worker thread), called with `(output, context)`.
 * Either way a hang is cut at `timeout_ms` and a throw becomes an evaluation error naming it.
 */
export const javascript: AssertionFactory = (options) => {
  const code = requireString(options);
  const timeoutMs = optionalNumber(options, 'timeout_ms') ?? defaultScriptTimeoutMs;
  const threshold = optionalNumber(options, 'threshold');
  if (isFileRef(code)) {
    return async (output, ctx) => {
      const { url, member } = resolveFileRef(code, ctx.baseDir);
      const value = await runFileScript(url, member, output, scriptContext(ctx), timeoutMs);
      return interpretScriptResult(value, threshold);
    };
  }
  const run = compileInlineScript(code, timeoutMs);
  return async (output, ctx) => interpretScriptResult(await run(output, scriptContext(ctx)), threshold);
};
