/**
 * report.json's `summary` (SPEC §6), built from the finished cases in one pass. Pure: no I/O.
 */

import type { GroupSummary, ParityRow, Summary, ToolSummary } from '../contracts/report.js';
import type { CaseResult } from '../contracts/result.js';
import { formatPValue } from '../stats/format-p.js';
import { languageParity } from '../stats/parity.js';
import { quantile } from '../stats/quantile.js';
import { wilsonInterval } from '../stats/wilson.js';

/** by_lang key of cases whose language is unknown (BCP-47 "undetermined"). */
export const UNKNOWN_LANG = 'und';

/** How many of the slowest cases the summary lists. */
const SLOWEST = 10;

/** Running totals of one group; turned into a GroupSummary at the end. */
class GroupTotals {
  total = 0;
  passed = 0;
  failed = 0;
  errors = 0;
  skipped = 0;
  scoreSum = 0;
  scored = 0;
  prompt = 0;
  completion = 0;
  tokens = 0;
  cost = 0;
  latencies: number[] = [];

  add(c: CaseResult): void {
    this.total++;
    if (c.status === 'pass') this.passed++;
    else if (c.status === 'fail') this.failed++;
    else if (c.status === 'error') this.errors++;
    else this.skipped++;
    // Only pass/fail cases are judged, so only their scores make the mean.
    if ((c.status === 'pass' || c.status === 'fail') && typeof c.score === 'number') {
      this.scoreSum += c.score;
      this.scored++;
    }
    const r = c.response;
    if (r) {
      if (r.usage) {
        this.prompt += r.usage.prompt_tokens;
        this.completion += r.usage.completion_tokens;
        this.tokens += r.usage.total_tokens;
      }
      this.cost += r.cost_usd ?? 0;
      this.latencies.push(r.latency_ms);
    }
  }

  meanScore(): number | null {
    return this.scored > 0 ? this.scoreSum / this.scored : null;
  }

  finish(): GroupSummary {
    const judged = this.passed + this.failed;
    const sorted = Float64Array.from(this.latencies).sort();
    return {
      total: this.total,
      passed: this.passed,
      failed: this.failed,
      errors: this.errors,
      skipped: this.skipped,
      pass_rate: judged > 0 ? this.passed / judged : null,
      pass_rate_ci: wilsonInterval(this.passed, judged),
      mean_score: this.meanScore(),
      tokens: { prompt: this.prompt, completion: this.completion, total: this.tokens },
      // Sums of many small floats drift (0.1 + 0.2); a millionth of a cent is below any price.
      cost_usd: Math.round(this.cost * 1e8) / 1e8,
      latency_ms: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) },
    };
  }
}

function totalsOf(map: Map<string, GroupTotals>, key: string): GroupTotals {
  let t = map.get(key);
  if (!t) {
    t = new GroupTotals();
    map.set(key, t);
  }
  return t;
}

function finishAll(map: Map<string, GroupTotals>): Record<string, GroupSummary> {
  const out: Record<string, GroupSummary> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!.finish();
  return out;
}

/**
 * Builds report.json's summary from the finished cases: counts, pass rate
 * (passed / (passed + failed); errors and skips are not model failures) with its 95% Wilson
 * interval, mean score, tokens, cost, latency p50/p95, groups by model, lang, suite and tag, the
 * language parity rows, and the 10 slowest cases. One pass over the cases plus sorting the
 * latencies, so 100,000 cases take well under a second.
 */
export function summarize(cases: Iterable<CaseResult>): Summary {
  const run = new GroupTotals();
  const byModel = new Map<string, GroupTotals>();
  const byLang = new Map<string, GroupTotals>();
  const bySuite = new Map<string, GroupTotals>();
  const byTag = new Map<string, GroupTotals>();
  const slowest: Array<{ id: string; latency_ms: number }> = [];
  const byTool = new Map<string, ToolSummary>();

  for (const c of cases) {
    run.add(c);
    totalsOf(byModel, c.model).add(c);
    totalsOf(byLang, c.lang ?? UNKNOWN_LANG).add(c);
    totalsOf(bySuite, c.suite).add(c);
    // A case listing a tag twice still counts once for it.
    for (const tag of new Set(c.tags)) totalsOf(byTag, tag).add(c);
    if (c.response) keepSlowest(slowest, { id: c.id, latency_ms: c.response.latency_ms });
    if (c.status === 'pass' || c.status === 'fail') addTools(byTool, c);
  }

  const parity = languageParity(
    [...byLang.entries()]
      .filter(([lang]) => lang !== UNKNOWN_LANG)
      .map(([lang, t]) => ({ lang, passed: t.passed, failed: t.failed, mean_score: t.meanScore() })),
  );

  return {
    ...run.finish(),
    by_model: finishAll(byModel),
    by_lang: finishAll(byLang),
    by_suite: finishAll(bySuite),
    by_tag: finishAll(byTag),
    parity,
    slowest,
    ...(byTool.size > 0
      ? { by_tool: Object.fromEntries([...byTool].sort(([a], [b]) => (a < b ? -1 : 1))) }
      : {}),
  };
}

/** Counts a judged case once for each tool its assertions name; passed when all of those passed. */
function addTools(byTool: Map<string, ToolSummary>, c: CaseResult): void {
  let verdicts: Map<string, boolean> | undefined;
  for (const a of c.assertions) {
    for (const tool of a.tools ?? []) {
      verdicts ??= new Map();
      verdicts.set(tool, (verdicts.get(tool) ?? true) && a.pass);
    }
  }
  for (const [tool, pass] of verdicts ?? []) {
    const t = byTool.get(tool) ?? { cases: 0, passed: 0 };
    t.cases++;
    if (pass) t.passed++;
    byTool.set(tool, t);
  }
}

/** Keeps the SLOWEST largest latencies, descending; insertion into a 10-slot list beats a heap here. */
function keepSlowest(
  list: Array<{ id: string; latency_ms: number }>,
  item: { id: string; latency_ms: number },
) {
  if (list.length === SLOWEST && item.latency_ms <= list[SLOWEST - 1]!.latency_ms) return;
  let i = list.length;
  while (i > 0 && list[i - 1]!.latency_ms < item.latency_ms) i--;
  list.splice(i, 0, item);
  if (list.length > SLOWEST) list.pop();
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

/**
 * One parity row as a sentence for the summary and reports:
 * "ar: 61% vs 84% elsewhere, p = 0.003 — below parity". The p shown is the Holm-adjusted one,
 * since that is the one the flag is decided on.
 */
export function parityLine(row: ParityRow): string {
  const p = row.p_adjusted ?? row.p_value;
  const pText = p === null ? '' : `, p ${p < 0.001 ? '' : '= '}${formatPValue(p)}`;
  const flag = row.below_parity ? ' — below parity' : '';
  return `${row.lang}: ${percent(row.pass_rate)} vs ${percent(row.rest_pass_rate)} elsewhere${pText}${flag}`;
}
