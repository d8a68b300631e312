import { REPORT_VERSION, type Report, type RunInfo } from '../contracts/report.js';
import type { CaseResult } from '../contracts/result.js';
import { summarize } from '../report/summary.js';

/** Orders cases the same way for every run, shard and merge: by id. */
export function sortCases(cases: CaseResult[]): CaseResult[] {
  return cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Assembles report.json's object from finished cases. */
export function buildReport(cases: CaseResult[], run: RunInfo): Report {
  const sorted = sortCases(cases);
  return { version: REPORT_VERSION, run, summary: summarize(sorted), cases: sorted };
}
