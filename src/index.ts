/**
 * qeval's programmatic API: the only public entry point.
 *
 * ```ts
 * import { run } from 'qeval';
 * const { report } = await run({ paths: ['suites'], settings: { mode: 'replay' }, onEvent: console.log });
 * ```
 */

export type { Case } from './contracts/case.js';
export type { ChatMessage, ChatRequest, ModelResponse } from './contracts/chat.js';
export type { Diagnostic } from './contracts/diagnostic.js';
export type { GroupSummary, ParityRow, Report, RunInfo, Summary } from './contracts/report.js';
export type {
  AssertionOutcome,
  AssertionResult,
  CaseResult,
  CaseStatus,
  RunEvent,
  RunListener,
} from './contracts/result.js';
export type { Mode, Settings } from './contracts/settings.js';
export { InputError, QevalError, ValidationError } from './errors.js';
export { type RunOptions, type RunOutcome, run } from './run/engine.js';
export { decideExit, failingTests } from './run/exit-decision.js';
export { mergeReports } from './run/merge.js';
export type { Suite, TestSpec } from './suite/types.js';

/** Loads and validates suite files (throws ValidationError listing every problem). */
export async function loadSuites(paths: string[], options?: { cwd?: string }) {
  const mod = await import('./suite/load.js');
  return mod.loadSuites(paths, options);
}
