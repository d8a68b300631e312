/** The compact end-of-run summary printed by `qeval run`. */
import { testFile } from '../contracts/result.js';
import { errorCauses, type FailingTest, type GroupSummary, type Interval, type Report } from '../index.js';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
const ci = (i: Interval | null | undefined) =>
  i ? `[${(i.low * 100).toFixed(1)}, ${(i.high * 100).toFixed(1)}]` : '';
const ms = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${Math.round(x).toLocaleString('en-US')} ms`;
const usd = (x: number) => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd()).join('\n');
}

function groupRows(title: string, groups: Record<string, GroupSummary>): string {
  const names = Object.keys(groups).sort();
  if (names.length === 0) return '';
  const rows = [[title, 'cases', 'pass', 'fail', 'error', 'pass rate', '95% CI', 'p50', 'cost']];
  for (const n of names) {
    const g = groups[n]!;
    rows.push([
      n,
      String(g.total),
      String(g.passed),
      String(g.failed),
      String(g.errors),
      pct(g.pass_rate),
      ci(g.pass_rate_ci),
      ms(g.latency_ms.p50),
      usd(g.cost_usd),
    ]);
  }
  return table(rows);
}

/** Per tool asserted: the cases asserting it, how many passed, and the share. */
function toolRows(byTool: NonNullable<Report['summary']['by_tool']>): string {
  const rows = [['tool', 'cases', 'pass', 'pass rate']];
  for (const [name, t] of Object.entries(byTool)) {
    rows.push([name, String(t.cases), String(t.passed), pct(t.cases > 0 ? t.passed / t.cases : null)]);
  }
  return table(rows);
}

/** Renders the summary; `failing` comes from the exit decision so the two agree. */
export function renderSummary(
  report: Report,
  failing: FailingTest[],
  extra: { files: string[]; verdict: string; comparisonLine?: string },
): string {
  const s = report.summary;
  const r = report.run;
  const out: string[] = [];
  out.push('');
  out.push(
    `qeval ${r.incomplete ? '(incomplete) ' : ''}— ${s.total} cases, ${r.mode} mode, ${(r.duration_ms / 1000).toFixed(1)} s${r.shard ? `, shard ${r.shard.index}/${r.shard.count}` : ''}`,
  );
  out.push(
    `  pass ${s.passed}  fail ${s.failed}  error ${s.errors}  skipped ${s.skipped}  |  pass rate ${pct(s.pass_rate)} ${ci(s.pass_rate_ci)}`,
  );
  out.push(
    `  tokens ${s.tokens.total.toLocaleString('en-US')} (in ${s.tokens.prompt.toLocaleString('en-US')}, out ${s.tokens.completion.toLocaleString('en-US')})  cost ${usd(s.cost_usd)}  latency p50 ${ms(s.latency_ms.p50)} p95 ${ms(s.latency_ms.p95)}`,
  );
  if (r.affected) out.push(`  ${affectedLine(r.affected, r.mode)}`);
  if (extra.comparisonLine) out.push('', `  ${extra.comparisonLine}`);
  if (Object.keys(s.by_model).length > 1) out.push('', groupRows('model', s.by_model));
  if (Object.keys(s.by_lang).length > 1) out.push('', groupRows('language', s.by_lang));
  if (s.by_tool) out.push('', toolRows(s.by_tool));
  const flagged = (s.parity ?? []).filter((p) => p.below_parity);
  for (const p of flagged) {
    out.push(
      `  ${p.lang}: ${pct(p.pass_rate)} vs ${pct(p.rest_pass_rate)} elsewhere, p = ${p.p_adjusted?.toPrecision(2)} — below parity`,
    );
  }
  if (failing.length > 0) {
    out.push('', `  failing tests (${failing.length}):`);
    for (const f of failing.slice(0, 20)) {
      const what = `${f.test_id}${f.lang ? ` [${f.lang}]` : ''} ${f.model}${f.variant ? ` ${f.variant}` : ''}`;
      const share = f.scored > 1 ? ` ${f.passed}/${f.scored} samples` : '';
      out.push(`    ${testFile(f)}:${f.line}  ${what}${share}  — ${(f.reasons[0] ?? '').slice(0, 140)}`);
    }
    if (failing.length > 20) out.push(`    … and ${failing.length - 20} more (see the report)`);
  }
  out.push(...regressionLines(report));
  out.push(...errorGroups(report));
  if (s.slowest?.length) {
    out.push(
      '',
      `  slowest: ${s.slowest
        .slice(0, 3)
        .map((x) => `${x.id} ${ms(x.latency_ms)}`)
        .join(', ')}`,
    );
  }
  out.push('', `  ${extra.verdict}`);
  if (extra.files.length) out.push(`  wrote ${extra.files.join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** `--affected`: "37 of 4,000 cases changed", and what became of them. */
function affectedLine(a: { changed: number; total: number }, mode: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const sent = mode === 'auto' ? 'sent and recorded' : 'sent, not recorded';
  return `${n(a.changed)} of ${n(a.total)} cases changed (no recording of their request): ${sent}; the rest replayed`;
}

/** The tests that passed in the baseline and fail now, each with its place, like the failing list. */
function regressionLines(report: Report): string[] {
  const regressions = report.comparison?.regressions ?? [];
  if (regressions.length === 0) return [];
  const modelOf = new Map(report.cases.map((c) => [c.id, c.model]));
  const out = ['', `  regressions (${regressions.length}), passing before and failing now:`];
  for (const r of regressions.slice(0, 20)) {
    const model = r.model ?? modelOf.get(r.b.case_ids[0] ?? '') ?? '';
    const what =
      `${r.test_id}${r.lang ? ` [${r.lang}]` : ''} ${model}${r.variant ? ` ${r.variant}` : ''}`.trimEnd();
    out.push(`    ${r.suite_file}:${r.line}  ${what}  — ${r.reason.slice(0, 140)}`);
  }
  if (regressions.length > 20) out.push(`    … and ${regressions.length - 20} more (see the report)`);
  return out;
}

/** What to do about each kind of error case. */
const nextStep: Record<string, string> = {
  'cassette-miss':
    'record them: qeval run --mode record (or --mode auto to record only what is missing; needs AIMLAPI_KEY)',
  'cassette-expired': 'record them again: qeval run --mode auto (needs AIMLAPI_KEY)',
  'retired-model': 'the model is gone: choose another with -m, e.g. -m alibaba/qwen3-max-instruct',
  network: 'check --base-url and the network, then: qeval run --resume --retry-errors',
  timeout: 'raise --timeout, or lower -j; then: qeval run --resume --retry-errors',
  http: 'the gateway failed them; once it is back: qeval run --resume --retry-errors',
  'too-large': 'raise --max-response-bytes if such long answers are expected',
  malformed: 'the gateway answered something that is not a chat completion: see the report',
  assertion: 'an assertion could not be evaluated (a grader or a script): see the reason in the report',
};

/** Error cases grouped by cause, each with a count, its first message and the next step. */
function errorGroups(report: Report): string[] {
  const causes = errorCauses(report.cases);
  if (causes.length === 0) return [];
  const total = causes.reduce((n, c) => n + c.count, 0);
  const out = ['', `  errors (${total}), by cause:`];
  for (const { kind, count, first } of causes) {
    out.push(`    ${kind} × ${count}: ${(first.error?.message ?? '').split('\n')[0]!.slice(0, 160)}`);
    if (nextStep[kind]) out.push(`      → ${nextStep[kind]}`);
  }
  return out;
}
