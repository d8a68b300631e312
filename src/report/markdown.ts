/**
 * summary.md: the run for a pull-request comment or `$GITHUB_STEP_SUMMARY`. Leads with what a
 * reviewer acts on — regressions, then failures — and ends with the per-language view.
 * All model and suite text is escaped: GitHub renders HTML inside Markdown.
 */

import { join } from 'node:path';
import type { GroupSummary, Report } from '../contracts/report.js';
import { type CaseResult, testFile } from '../contracts/result.js';
import { glanceComparison } from './comparison-view.js';
import { caseLabel, int, interval, languageName, ms, pct, pValue, score, usd } from './format.js';
import { parityLine } from './summary.js';
import { transcriptLine } from './transcript-line.js';
import type { FileReporter } from './types.js';
import { writeChunks } from './write-stream.js';

/** How many failures and errors the summary lists before saying "and N more". */
const LIST_LIMIT = 30;

/** Escapes text for one Markdown table cell or list item on one line. */
export function mdText(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${Array.from(flat).slice(0, max).join('')}…` : flat;
  return cut
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

function code(text: string): string {
  // Inline code cannot escape a backtick; swap it for a look-alike so the span never breaks.
  return `\`${text.replace(/`/g, 'ˋ').replace(/\|/g, '¦').replace(/\s+/g, ' ')}\``;
}

function headline(report: Report): string {
  const s = report.summary;
  const icon = s.failed > 0 ? '❌' : s.errors > 0 ? '⚠️' : '✅';
  const parts = [`${int(s.passed)} passed`, `${int(s.failed)} failed`];
  if (s.errors) parts.push(`${int(s.errors)} errors`);
  if (s.skipped) parts.push(`${int(s.skipped)} skipped`);
  const ci = interval(s.pass_rate_ci);
  return `## ${icon} qeval: ${parts.join(' · ')} of ${int(s.total)} — pass rate ${pct(s.pass_rate)}${ci ? ` (95% CI ${ci})` : ''}`;
}

function runLine(report: Report): string {
  const r = report.run;
  const s = report.summary;
  const bits = [
    `mode **${r.mode}**`,
    `models ${r.models.map(code).join(', ')}`,
    r.git_commit ? `commit ${code(r.git_commit.slice(0, 12))}` : null,
    `${r.started_at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`,
    `${int(s.tokens.total)} tokens`,
    usd(s.cost_usd),
    `latency p50 ${ms(s.latency_ms.p50)} / p95 ${ms(s.latency_ms.p95)}`,
    r.shard ? `shard ${r.shard.index}/${r.shard.count}` : null,
  ];
  const warn = r.incomplete
    ? '\n\n> **Incomplete run:** not every case ran; totals cover only what finished.'
    : '';
  return bits.filter(Boolean).join(' · ') + warn;
}

function regressionsSection(report: Report): string[] {
  const glance = glanceComparison(report.comparison);
  if (!glance) return [];
  const out = [`### Regressions (${glance.regressions.length})`];
  if (glance.verdict) out.push('', mdText(glance.verdict, 500));
  if (glance.regressions.length === 0) out.push('', 'No test went from pass to fail.');
  else {
    out.push('');
    for (const r of glance.regressions.slice(0, LIST_LIMIT)) {
      out.push(`- ${code(r.label)}${r.detail ? ` — ${mdText(r.detail)}` : ''}`);
    }
    if (glance.regressions.length > LIST_LIMIT)
      out.push(`- … and ${glance.regressions.length - LIST_LIMIT} more`);
  }
  if (glance.fixes !== null) out.push('', `Fixed: ${glance.fixes}.`);
  return out;
}

function whyFailed(c: CaseResult): string {
  if (c.status === 'error') return c.error ? `${c.error.kind}: ${c.error.message}` : 'no usable response';
  const failed = c.assertions.filter((a) => !a.pass);
  if (failed.length === 0) return `score ${score(c.score)} below threshold ${score(c.threshold)}`;
  return failed.map((a) => `${a.name ?? a.type}: ${a.reason}`).join('; ');
}

function caseList(title: string, cases: CaseResult[]): string[] {
  if (cases.length === 0) return [];
  const shown = cases.slice(0, LIST_LIMIT);
  const out = [
    `### ${title} (${cases.length > LIST_LIMIT ? `showing ${LIST_LIMIT} of ${int(cases.length)}` : cases.length})`,
    '',
    '| test | where | why |',
    '|---|---|---|',
  ];
  for (const c of shown) {
    // A transcript goes under the reason, on its own line of the cell.
    const steps = c.transcript ? `<br>${mdText(transcriptLine(c.transcript), 400)}` : '';
    out.push(
      `| ${code(caseLabel(c))} | ${code(`${testFile(c)}:${c.line}`)} | ${mdText(whyFailed(c))}${steps} |`,
    );
  }
  return out;
}

function groupTable(
  title: string,
  first: string,
  groups: Record<string, GroupSummary>,
  label = (k: string) => k,
) {
  const keys = Object.keys(groups);
  if (keys.length === 0) return [];
  const out = [
    `### ${title}`,
    '',
    `| ${first} | pass rate | 95% CI | passed | failed | errors | mean score | p50 latency |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const k of keys) {
    const g = groups[k]!;
    out.push(
      `| ${mdText(label(k))} | ${pct(g.pass_rate)} | ${interval(g.pass_rate_ci) || '—'} | ${int(g.passed)} | ${int(g.failed)} | ${int(g.errors)} | ${score(g.mean_score)} | ${ms(g.latency_ms.p50)} |`,
    );
  }
  return out;
}

function paritySection(report: Report): string[] {
  const rows = report.summary.parity ?? [];
  if (rows.length < 2) return [];
  const below = rows.filter((r) => r.below_parity);
  const out = ['### Language parity', ''];
  if (below.length === 0)
    out.push('No language does significantly worse than the rest (Fisher exact test, Holm-corrected).');
  for (const r of below) {
    out.push(`- ⚠️ ${mdText(parityLine(r))}`);
  }
  out.push(
    '',
    '| language | pass rate | 95% CI | mean score | rest | p (Holm) | |',
    '|---|--:|--:|--:|--:|--:|---|',
  );
  for (const r of rows) {
    out.push(
      `| ${mdText(`${r.lang} — ${languageName(r.lang)}`)} | ${pct(r.pass_rate)} | ${interval(r.pass_rate_ci) || '—'} | ${score(r.mean_score)} | ${pct(r.rest_pass_rate)} | ${pValue(r.p_adjusted)} | ${r.below_parity ? '⚠️ below parity' : ''} |`,
    );
  }
  return out;
}

/** The Markdown summary of a report; leads with regressions when `report.comparison` is present. */
export function summaryMarkdown(report: Report): string {
  const s = report.summary;
  const failures = report.cases.filter((c) => c.status === 'fail');
  const errors = report.cases.filter((c) => c.status === 'error');
  const sections: string[][] = [
    [headline(report), '', runLine(report)],
    regressionsSection(report),
    caseList('Failures', failures),
    caseList('Errors (no usable response; not counted as failures)', errors),
    groupTable('By language', 'language', s.by_lang, (k) => `${k} — ${languageName(k)}`),
    paritySection(report),
    Object.keys(s.by_model).length > 1 ? groupTable('By model', 'model', s.by_model) : [],
    Object.keys(s.by_suite).length > 1 ? groupTable('By suite', 'suite', s.by_suite) : [],
  ];
  return `${sections
    .filter((x) => x.length > 0)
    .map((x) => x.join('\n'))
    .join('\n\n')}\n`;
}

/** summary.md */
export const md: FileReporter = {
  name: 'md',
  async onRunEnd(report, { outDir }) {
    const path = join(outDir, 'summary.md');
    await writeChunks(path, [summaryMarkdown(report)], 0);
    return [path];
  },
};
