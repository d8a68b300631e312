import type { Report } from '../contracts/report.js';
import type { CaseResult } from '../contracts/result.js';

/** Reporters implement optional hooks; JSON, HTML, JUnit and Markdown are peers. */
export interface Reporter {
  name: string;
  onRunStart?(info: { total: number }): void | Promise<void>;
  onCaseResult?(result: CaseResult): void | Promise<void>;
  /** Writes the reporter's file(s) into `outDir`; returns the paths written. */
  onRunEnd?(report: Report, outDir: string): Promise<string[]>;
}
