/**
 * qeval's programmatic API: the only public entry point.
 *
 * ```ts
 * import { run } from 'qeval';
 * const { report } = await run({ paths: ['suites'], settings: { mode: 'replay' }, onEvent: console.log });
 * ```
 */
export type { AssertionResult, Verdict as AssertionVerdict } from './assertions/types.js';
export type { Mode, Settings } from './config/table.js';
export { type Diagnostic, InputError, QevalError, ValidationError } from './errors.js';
export type { ChatMessage, ChatRequest, ModelResponse } from './provider/types.js';
export type { GroupSummary, ParityRow, Report, RunInfo, Summary } from './report/types.js';
export { type RunOptions, type RunOutcome, run } from './run/engine.js';
export { mergeReports } from './run/merge.js';
export type { CaseResult, CaseStatus, RunEvent, RunListener } from './run/types.js';
export { decideExit, failingTests } from './run/verdict.js';
export type { Case, Suite, TestSpec } from './suite/types.js';

/** Loads and validates suite files (throws ValidationError listing every problem). */
export async function loadSuites(paths: string[], options?: { cwd?: string }) {
  const mod = await import('./suite/load.js');
  return mod.loadSuites(paths, options);
}
