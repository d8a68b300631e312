/**
 * qeval's programmatic API. The CLI is built on it and on `qeval/comparison` (src/comparison.ts:
 * merging, comparing reports and the pull-request comment).
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
export { cassettePath } from './cassette/store.js';
export { loadConfig } from './config/load.js';
export { resolveSettings } from './config/resolve.js';
export { formats, type Setting, settingsTable } from './config/table.js';
export type { Case } from './contracts/case.js';
export type { ChatMessage, ChatRequest, ModelResponse } from './contracts/chat.js';
export type { Comparison, PairwiseJudgement } from './contracts/comparison.js';
export type { Diagnostic } from './contracts/diagnostic.js';
export type { Interval } from './contracts/interval.js';
export type { JudgeCheck, JudgeCheckAssertion } from './contracts/judge-check.js';
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
export { type ErrorCause, errorCauses } from './report/error-causes.js';
export { judgeCheckText, NOISE_FLAG, writeJudgeCheck } from './report/judge-check.js';
export { readReport } from './report/read.js';
export type { JudgeCheckOptions, JudgeCheckOutcome } from './run/judge-check.js';

import type { Report } from './contracts/report.js';
import type { Format } from './contracts/settings.js';
import type { RunOptions, RunOutcome } from './run/engine.js';
import type { JudgeCheckOutcome, judgeCheck as judgeCheckReport } from './run/judge-check.js';
import type { JudgeOutcome, judgePairs as judgeSides } from './run/judge-pairs.js';
import type { RescoreOutcome, rescore as rescoreReport } from './run/rescore.js';

export { makeDirectory } from './files.js';
export type { RunOptions, RunOutcome } from './run/engine.js';
export { decideExit, failingTests } from './run/exit-decision.js';
export type { JudgeOptions, JudgeOutcome, JudgeSettings } from './run/judge-pairs.js';
export { qevalVersion } from './run/meta.js';
export { resolveRunSettings } from './run/plan.js';
export type { RescoreOutcome } from './run/rescore.js';
export { firstRequestOf } from './run/simulate.js';
export { expandCases } from './suite/expand.js';
export { loadSuites, sortDiagnostics } from './suite/load.js';
export type { Suite, TestSpec } from './suite/types.js';

/**
 * Runs suites and writes results.jsonl and the reports (see {@link RunOptions}). The engine and
 * everything it scores with load on the first call, so `qeval validate`, `--help` and a library
 * that only reads reports never pay for them.
 */
export async function run(options?: RunOptions): Promise<RunOutcome> {
  const engine = await import('./run/engine.js');
  return engine.run(options);
}

/** Scores a report's stored answers again with the suites' current assertions (no model call). */
export async function rescore(...args: Parameters<typeof rescoreReport>): Promise<RescoreOutcome> {
  const mod = await import('./run/rescore.js');
  return mod.rescore(...args);
}

/**
 * Grades the stored answers of a report's model-graded assertions `samples` times and measures
 * the graders' agreement with themselves and each other (`qeval judge-check`).
 */
export async function judgeCheck(...args: Parameters<typeof judgeCheckReport>): Promise<JudgeCheckOutcome> {
  const mod = await import('./run/judge-check.js');
  return mod.judgeCheck(...args);
}

/**
 * `compare --judge`: a grader says which side's answer is better for each paired case, asked in
 * both orders; win/tie/loss with a sign test and interval, overall and per language.
 */
export async function judgePairs(...args: Parameters<typeof judgeSides>): Promise<JudgeOutcome> {
  const mod = await import('./run/judge-pairs.js');
  return mod.judgePairs(...args);
}

// The renderers (Handlebars and the report templates) load on first use, like the engine.

/** Writes report.json, report.html, junit.xml and summary.md (the formats given) into `outDir`. */
export async function writeReports(report: Report, outDir: string, formats: Format[]): Promise<string[]> {
  const mod = await import('./report/reporters.js');
  return mod.writeReports(report, outDir, formats);
}

/** GitHub Actions lines for a finished run: `::error` at each failing test, and the step summary. */
export async function githubAnnotations(report: Report, env: NodeJS.ProcessEnv): Promise<string[]> {
  const mod = await import('./report/github.js');
  return mod.githubAnnotations(report, env);
}
