/** Hands every run event to every reporter's hooks, in the order the reporters were given. */
import type { Report } from '../contracts/report.js';
import type { Reporter, RunEnd } from '../contracts/reporter.js';
import type { RunEvent } from '../contracts/result.js';

export class ReporterHub {
  constructor(private readonly reporters: readonly Reporter[]) {}

  /** One event to every reporter: its own hook for the start and each result, and onRunEvent. */
  readonly emit = (event: RunEvent): void => {
    for (const r of this.reporters) {
      if (event.type === 'run-start') r.onRunStart?.(event);
      else if (event.type === 'case-result') r.onCaseResult?.(event.result);
      r.onRunEvent?.(event);
    }
  };

  /** The run is over: each reporter in turn, each seeing the files the ones before it wrote. */
  async end(report: Report, end: RunEnd): Promise<string[]> {
    const files = [...end.files];
    for (const r of this.reporters) {
      const written = await r.onRunEnd?.(report, { ...end, files: [...files] });
      if (Array.isArray(written)) files.push(...(written as string[]));
    }
    return files;
  }
}
