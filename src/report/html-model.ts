/**
 * The view model of report.html: every number already formatted, every chart already laid out.
 * The templates only place strings (escaped by Handlebars), so what the page says is testable
 * here without a browser.
 */

import type { GroupSummary, Report } from '../contracts/report.js';
import { type Histogram, latencyHistogram, type RateChart, rateChart, scoreHistogram } from './charts.js';
import { int, interval, languageName, ms, pct, pValue, score, usd } from './format.js';
import { type JudgeView, judgeView } from './judge-view.js';
import { parityLine } from './summary.js';

/** One row of a breakdown table. */
export interface GroupRow {
  key: string;
  name: string;
  total: string;
  passed: string;
  failed: string;
  errors: string;
  skipped: string;
  rate: string;
  ci: string;
  /** Mini bar: width of the rate and the interval's ends, in a 100-wide box. */
  bar: { width: number; low: number; high: number; cls: string };
  meanScore: string;
  tokens: string;
  cost: string;
  p50: string;
  p95: string;
}

/** A breakdown table (by model, language, suite or tag). */
export interface GroupTable {
  id: string;
  title: string;
  column: string;
  rows: GroupRow[];
  checked: boolean;
}

/** One row of the language-parity table. */
export interface ParityView {
  lang: string;
  name: string;
  rate: string;
  ci: string;
  meanScore: string;
  rest: string;
  p: string;
  below: boolean;
  sentence: string;
}

/** Everything the templates show. */
export interface HtmlView {
  title: string;
  run: {
    id: string;
    mode: string;
    models: string[];
    when: string;
    duration: string;
    commit: string | null;
    commitShort: string | null;
    version: string;
    incomplete: boolean;
    shard: string | null;
    baseline: string | null;
    suites: string;
  };
  band: {
    rate: string;
    ci: string;
    verdict: 'pass' | 'fail' | 'error';
    total: string;
    passed: string;
    failed: string;
    errors: string;
    skipped: string;
    meanScore: string;
    cost: string;
    tokens: string;
    tokensDetail: string;
    p50: string;
    p95: string;
  };
  charts: { byLang: RateChart | null; byModel: RateChart | null; latency: Histogram; scores: Histogram };
  groups: GroupTable[];
  parity: { rows: ParityView[]; runRate: string; runMean: string; flagged: ParityView[] } | null;
  /** The graders' agreement, when `qeval judge-check` annotated the report. */
  judge: JudgeView | null;
  filters: {
    models: string[];
    langs: Array<{ value: string; label: string }>;
    tags: string[];
    suites: string[];
    statuses: Array<{ value: string; label: string; count: string }>;
  };
  /** Several models or prompt variants: the side-by-side view is offered. */
  sideBySide: boolean;
  caseCount: string;
}

function groupRow(key: string, name: string, g: GroupSummary): GroupRow {
  const rate = g.pass_rate;
  return {
    key,
    name,
    total: int(g.total),
    passed: int(g.passed),
    failed: int(g.failed),
    errors: int(g.errors),
    skipped: int(g.skipped),
    rate: pct(rate),
    ci: interval(g.pass_rate_ci),
    bar: {
      width: rate === null ? 0 : rate * 100,
      low: (g.pass_rate_ci?.low ?? rate ?? 0) * 100,
      high: (g.pass_rate_ci?.high ?? rate ?? 0) * 100,
      cls: rate === null ? 'none' : rate >= 0.9 ? 'good' : rate >= 0.7 ? 'mid' : 'low',
    },
    meanScore: score(g.mean_score),
    tokens: int(g.tokens.total),
    cost: usd(g.cost_usd),
    p50: ms(g.latency_ms.p50),
    p95: ms(g.latency_ms.p95),
  };
}

function table(
  id: string,
  title: string,
  column: string,
  groups: Record<string, GroupSummary>,
  label = (k: string) => k,
) {
  return {
    id,
    title,
    column,
    checked: false,
    rows: Object.entries(groups).map(([k, g]) => groupRow(k, label(k), g)),
  };
}

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function parityView(report: Report): HtmlView['parity'] {
  const rows = report.summary.parity ?? [];
  if (rows.length < 2) return null;
  const views = rows.map((r) => ({
    lang: r.lang,
    name: languageName(r.lang),
    rate: pct(r.pass_rate),
    ci: interval(r.pass_rate_ci),
    meanScore: score(r.mean_score),
    rest: pct(r.rest_pass_rate),
    p: pValue(r.p_adjusted),
    below: r.below_parity,
    sentence: parityLine(r),
  }));
  return {
    rows: views,
    runRate: pct(report.summary.pass_rate),
    runMean: score(report.summary.mean_score),
    flagged: views.filter((v) => v.below),
  };
}

/** Builds the view of a report. */
export function htmlView(report: Report): HtmlView {
  const s = report.summary;
  const r = report.run;
  const langLabel = (k: string) => `${k} — ${languageName(k)}`;
  const titles = new Map(r.suites.map((x) => [x.name, x.title ?? x.name]));
  const suiteLabel = (k: string) => titles.get(k) ?? k;
  const below = new Set((s.parity ?? []).filter((p) => p.below_parity).map((p) => p.lang));
  const langs = Object.entries(s.by_lang);
  const models = Object.entries(s.by_model);
  const latencies: number[] = [];
  const scores: number[] = [];
  const tags = new Set<string>();
  const variants = new Set<string | null>();
  const statusCounts = { pass: 0, fail: 0, error: 0, skipped: 0 };
  for (const c of report.cases) {
    if (c.response) latencies.push(c.response.latency_ms);
    if (c.score !== null) scores.push(c.score);
    for (const t of c.tags) tags.add(t);
    variants.add(c.variant);
    statusCounts[c.status] += 1;
  }
  const groups: GroupTable[] = [
    table('model', 'By model', 'model', s.by_model),
    table('lang', 'By language', 'language', s.by_lang, langLabel),
    table('suite', 'By suite', 'suite', s.by_suite, suiteLabel),
    table('tag', 'By tag', 'tag', s.by_tag),
  ].filter((t) => t.rows.length > 0);
  if (groups[0]) groups[0].checked = true;
  const modelNames = [...new Set([...r.models, ...models.map(([m]) => m)])];
  return {
    title: `qeval report — ${pct(s.pass_rate)} of ${int(s.total)} cases — ${r.models.join(', ')}`,
    run: {
      id: r.id,
      mode: r.mode,
      models: modelNames,
      when: when(r.started_at),
      duration: ms(r.duration_ms),
      commit: r.git_commit,
      commitShort: r.git_commit ? r.git_commit.slice(0, 10) : null,
      version: r.qeval_version,
      incomplete: r.incomplete,
      shard: r.shard ? `${r.shard.index}/${r.shard.count}` : null,
      baseline: r.baseline ?? null,
      suites: r.suites.map((x) => x.name).join(', '),
    },
    band: {
      rate: pct(s.pass_rate),
      ci: interval(s.pass_rate_ci),
      verdict: s.failed > 0 ? 'fail' : s.errors > 0 ? 'error' : 'pass',
      total: int(s.total),
      passed: int(s.passed),
      failed: int(s.failed),
      errors: int(s.errors),
      skipped: int(s.skipped),
      meanScore: score(s.mean_score),
      cost: usd(s.cost_usd),
      tokens: int(s.tokens.total),
      tokensDetail: `${int(s.tokens.prompt)} in · ${int(s.tokens.completion)} out`,
      p50: ms(s.latency_ms.p50),
      p95: ms(s.latency_ms.p95),
    },
    charts: {
      byLang:
        langs.length > 0
          ? rateChart(
              langs.map(([k, g]) => ({
                label: k,
                title: langLabel(k),
                rate: g.pass_rate,
                ci: g.pass_rate_ci,
                n: g.passed + g.failed,
                flagged: below.has(k),
              })),
              s.pass_rate,
            )
          : null,
      byModel:
        models.length > 1
          ? rateChart(
              models.map(([k, g]) => ({
                label: k.length > 26 ? `…${k.slice(-25)}` : k,
                title: k,
                rate: g.pass_rate,
                ci: g.pass_rate_ci,
                n: g.passed + g.failed,
              })),
              s.pass_rate,
            )
          : null,
      latency: latencyHistogram(latencies),
      scores: scoreHistogram(scores),
    },
    groups,
    parity: parityView(report),
    judge: judgeView(report.judge_check),
    filters: {
      models: modelNames,
      langs: langs.map(([k]) => ({ value: k, label: langLabel(k) })),
      tags: [...tags].sort(),
      suites: Object.keys(s.by_suite),
      statuses: (['fail', 'error', 'pass', 'skipped'] as const).map((st) => ({
        value: st,
        label: st === 'fail' ? 'failed' : st === 'pass' ? 'passed' : st === 'error' ? 'errors' : 'skipped',
        count: int(statusCounts[st]),
      })),
    },
    sideBySide: modelNames.length > 1 || variants.size > 1,
    caseCount: int(report.cases.length),
  };
}
