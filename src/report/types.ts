import type { Report } from '../contracts/report.js';
import type { Reporter, RunEnd } from '../contracts/reporter.js';

/** A reporter that writes one `--format` into the output folder when the run ends. */
export interface FileReporter extends Reporter {
  onRunEnd(report: Report, end: Pick<RunEnd, 'outDir'>): Promise<string[]>;
}
