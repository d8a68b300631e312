/**
 * The one observer of a run (vitest's model): the report files, the terminal progress, the
 * summary and the GitHub annotations are all reporters fed by the same hooks. Every hook is
 * optional; the engine calls them in the order the reporters were given.
 */
import type { Report } from './report.js';
import type { CaseResult, ExitDecision, RunEvent } from './result.js';
import type { Settings } from './settings.js';

/** What a reporter learns when the run starts. */
export interface RunStart {
  run_id: string;
  /** Cases planned, including those a `--resume` keeps. */
  total: number;
  mode: string;
  models: string[];
  /** Where each finished case is written as it finishes (what an interrupted run keeps). */
  results_path: string;
}

/** What a reporter learns when the run is over and its report is built. */
export interface RunEnd {
  settings: Settings;
  /** The folder of results.jsonl and the report files. */
  outDir: string;
  /** Files written so far: results.jsonl, then each earlier reporter's files. */
  files: string[];
  exit: ExitDecision;
  interrupted: boolean;
  /** Why the run stopped on its own (a rejected key, no credits). */
  stopReason?: string;
}

export interface Reporter {
  readonly name: string;
  onRunStart?(start: RunStart): void;
  /** Each finished case, including those `--resume` keeps. */
  onCaseResult?(result: CaseResult): void;
  /** Every event as it happens (the start and each result too): retries, waits, warnings, Ctrl-C. */
  onRunEvent?(event: RunEvent): void;
  /** Writes files or prints a summary; resolves with the paths of the files it wrote, if any. */
  onRunEnd?(report: Report, end: RunEnd): unknown;
}
