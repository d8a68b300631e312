import type { Report } from '../../../src/contracts/report.js';
import type { CaseResult } from '../../../src/contracts/result.js';
import { buildReport } from '../../../src/run/build-report.js';

/** A minimal finished case for run-level tests. */
export function caseResult(over: Partial<CaseResult> & { id: string }): CaseResult {
  return {
    suite: 's',
    suite_file: 'suites/s.yaml',
    test_id: over.id,
    model: 'qwen-max',
    variant: null,
    sample: 0,
    lang: 'en',
    tags: [],
    status: 'pass',
    score: 1,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'hi' }] },
    response: null,
    assertions: [],
    error: null,
    line: 3,
    col: 5,
    started_at: new Date(0).toISOString(),
    duration_ms: 1,
    ...over,
  };
}

export function reportOf(cases: CaseResult[], over: Partial<Report['run']> = {}): Report {
  return buildReport(cases, {
    id: 'r',
    started_at: new Date(0).toISOString(),
    finished_at: new Date(1000).toISOString(),
    duration_ms: 1000,
    qeval_version: '0.0.0',
    mode: 'replay',
    models: ['qwen-max'],
    suites: [{ name: 's', file: 'suites/s.yaml' }],
    git_commit: null,
    incomplete: false,
    shard: null,
    ...over,
  });
}
