/** Builds CaseResult and Report fixtures for the summary and comparison tests. */
import { REPORT_VERSION, type Report } from '../../../src/contracts/report.js';
import type { CaseResult, CaseStatus } from '../../../src/contracts/result.js';

export interface CaseInit extends Partial<Omit<CaseResult, 'response'>> {
  test_id: string;
  status: CaseStatus;
  latency_ms?: number;
  tokens?: [prompt: number, completion: number];
  cost_usd?: number | null;
}

/** A finished case; a response exists unless the case is an error or skipped. */
export function makeCase(init: CaseInit): CaseResult {
  const { latency_ms = 100, tokens = [10, 5], cost_usd = 0.001, ...rest } = init;
  const suite = rest.suite ?? 'demo';
  const model = rest.model ?? 'qwen-max';
  const lang = rest.lang === undefined ? 'en' : rest.lang;
  const sample = rest.sample ?? 0;
  const variant = rest.variant ?? null;
  const answered = init.status === 'pass' || init.status === 'fail';
  return {
    id: `${suite}/${init.test_id}${lang ? `/${lang}` : ''}/${model}${variant ? `/${variant}` : ''}#${sample}`,
    suite,
    suite_file: `suites/${suite}.yaml`,
    model,
    variant,
    sample,
    lang,
    tags: [],
    score: answered ? (init.status === 'pass' ? 1 : 0) : null,
    request: { model, messages: [{ role: 'user', content: `prompt of ${init.test_id}` }] },
    response: answered
      ? {
          output: `answer to ${init.test_id}`,
          finish_reason: 'stop',
          model,
          usage: {
            prompt_tokens: tokens[0],
            completion_tokens: tokens[1],
            total_tokens: tokens[0] + tokens[1],
          },
          cost_usd,
          cost_source: cost_usd === null ? null : 'price-table',
          latency_ms,
          ttft_ms: null,
          inference_id: null,
          source: 'cassette',
        }
      : null,
    assertions: [],
    error: init.status === 'error' ? { kind: 'network', message: 'connection reset' } : null,
    line: 1,
    col: 1,
    started_at: '2026-01-01T00:00:00.000Z',
    duration_ms: latency_ms,
    ...rest,
  } as CaseResult;
}

/** A report around the cases; the summary is left empty because compare does not read it. */
export function makeReport(cases: CaseResult[], id = 'run-a'): Report {
  const models = [...new Set(cases.map((c) => c.model))];
  return {
    version: REPORT_VERSION,
    run: {
      id,
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: '2026-01-01T00:01:00.000Z',
      duration_ms: 60000,
      qeval_version: '0.1.0',
      mode: 'replay',
      models,
      suites: [{ name: 'demo', file: 'suites/demo.yaml' }],
      git_commit: null,
      incomplete: false,
      shard: null,
    },
    summary: {} as Report['summary'],
    cases,
  };
}

/** n cases of one language with `passed` of them passing. */
export function langCases(lang: string, passed: number, failed: number): CaseResult[] {
  const out: CaseResult[] = [];
  for (let i = 0; i < passed + failed; i++) {
    out.push(makeCase({ test_id: `t${i}`, lang, status: i < passed ? 'pass' : 'fail' }));
  }
  return out;
}
