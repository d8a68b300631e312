/**
 * qeval's programmatic API: the only public entry point (the CLI is built on it alone).
 *
 * ```ts
 * import { run } from 'qeval';
 * const { report, exit } = await run({
 *   paths: ['suites'],
 *   settings: { mode: 'replay' },
 *   reporters: [{ name: 'log', onCaseResult: (r) => console.log(r.id, r.status) }],
 * });
 * ```
 */

export { checkCassettes } from './cassette/check.js';
export { compareReports, compareWithin } from './compare/compare.js';
export { comparisonMarkdown, comparisonText } from './compare/render.js';
export { loadConfig } from './config/load.js';
export { resolveSettings } from './config/resolve.js';
export { formats, type Setting, settingsTable } from './config/table.js';
export type { Case } from './contracts/case.js';
export type { ChatMessage, ChatRequest, ModelResponse } from './contracts/chat.js';
export type { Comparison } from './contracts/comparison.js';
export type { Diagnostic } from './contracts/diagnostic.js';
export type { Interval } from './contracts/interval.js';
export type { GroupSummary, ParityRow, Report, RunInfo, Summary } from './contracts/report.js';
export type { Reporter, RunEnd, RunStart } from './contracts/reporter.js';
export type {
  AssertionOutcome,
  AssertionResult,
  CaseResult,
  CaseStatus,
  ExitDecision,
  FailingTest,
  RunEvent,
  RunListener,
} from './contracts/result.js';
export type { Format, Mode, Settings } from './contracts/settings.js';
export {
  AuthError,
  ExitCode,
  formatDiagnostic,
  InputError,
  QevalError,
  ValidationError,
} from './errors.js';
export { comparisonPageHtml } from './report/comparison-html.js';
export { githubAnnotations } from './report/github.js';
export { readReport } from './report/read.js';
export { writeReports } from './report/reporters.js';
export { type RunOptions, type RunOutcome, run } from './run/engine.js';
export { decideExit, failingTests } from './run/exit-decision.js';
export { mergeReports } from './run/merge.js';
export { qevalVersion } from './run/meta.js';
export { resolveRunSettings } from './run/plan.js';
export { type RescoreOutcome, rescore } from './run/rescore.js';
export { expandCases } from './suite/expand.js';
export { loadSuites, sortDiagnostics } from './suite/load.js';
export type { Suite, TestSpec } from './suite/types.js';
