/**
 * The pull-request comment: one Markdown body that leads with the verdict, then regressions,
 * fixes, errors, per-language deltas and cost against the baseline, and for each changed test
 * the prompt diff beside the output diff. It always fits GitHub's 65,536 characters: sections
 * that do not fit are left out whole, in reverse order of importance, and a note says so.
 */
import { diffLines } from 'diff/lib/diff/line.js';
import { mdEscape, pairwise } from '../compare/markdown.js';
import { pairwiseView } from '../compare/pairwise-view.js';
import type { ChangedTest, Comparison, GroupDelta } from '../contracts/comparison.js';
import type { Report } from '../contracts/report.js';
import { type CaseResult, testFile } from '../contracts/result.js';
import { errorCauses } from './error-causes.js';
import { xmlEscape } from './xml.js';

/** GitHub's limit on a comment body, less room for the marker line qeval adds. */
export const COMMENT_LIMIT = 65_536 - 64;

/** Per-test diffs shown at most, however much room is left. */
const DIFF_LIMIT = 30;
/** Rows per list. */
const ROW_LIMIT = 25;

export interface CommentInput {
  report: Report;
  /** The base branch's report, when there is one. */
  baseline?: Report;
  /** The comparison of `report` against `baseline`. */
  comparison?: Comparison;
}

/** The comment's Markdown, at most `limit` characters. */
export function pullRequestComment(input: CommentInput, limit = COMMENT_LIMIT): string {
  const { report, baseline, comparison } = input;
  const head = [...title(report, comparison), ...totals(report, baseline)];
  const sections: string[][] = [];
  if (comparison) {
    sections.push(changedList('Regressions (pass → fail)', comparison.regressions));
    sections.push(changedList('Fixes (fail → pass)', comparison.fixes));
  }
  sections.push(errors(report));
  if (comparison) sections.push(languages(comparison.by_lang));
  // `compare --judge`'s preferences, when the comparison carries them.
  if (comparison) sections.push(pairwise(pairwiseView(comparison.pairwise)));
  sections.push(...changedTests(report, baseline, comparison));

  const out = [...head];
  let used = length(out);
  let left = 0;
  for (const section of sections) {
    if (section.length === 0) continue;
    const size = length(section);
    // Room for the note that follows when something is left out.
    if (left === 0 && used + size <= limit - 200) {
      out.push(...section);
      used += size;
    } else {
      left++;
    }
  }
  if (left > 0) {
    out.push(
      `> ✂️ ${left} more section${left === 1 ? '' : 's'} did not fit in one comment (GitHub allows 65,536 characters); the full report is in the job's artifacts.`,
      '',
    );
  }
  const text = `${out.join('\n').trimEnd()}\n`;
  // A head alone longer than the limit (it never is in practice) is cut rather than refused.
  return text.length <= limit ? text : `${text.slice(0, limit - 40)}\n\n> ✂️ cut at GitHub's limit\n`;
}

function title(report: Report, comparison: Comparison | undefined): string[] {
  const s = report.summary;
  const judged = s.passed + s.failed;
  const good =
    s.failed === 0 && s.errors === 0 && (comparison ? comparison.verdict.direction !== 'worse' : true);
  const lines = [
    `## ${good ? '✅' : '❌'} qeval: ${s.passed.toLocaleString('en')} of ${judged.toLocaleString('en')} judged cases passed${s.errors ? `, ${s.errors.toLocaleString('en')} in error` : ''}`,
    '',
  ];
  if (comparison) lines.push(`**${mdEscape(comparison.verdict.text)}**`, '');
  if (report.run.incomplete) lines.push('> ⚠️ The run did not finish: some cases are missing.', '');
  const affected = report.run.affected;
  if (affected) {
    lines.push(
      `${affected.changed.toLocaleString('en')} of ${affected.total.toLocaleString('en')} cases changed (sent to the model); the rest replayed from cassettes.`,
      '',
    );
  }
  return lines;
}

function totals(report: Report, baseline: Report | undefined): string[] {
  const s = report.summary;
  const b = baseline?.summary;
  const rate = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
  const money = (x: number) => `$${x.toFixed(x < 1 ? 4 : 2)}`;
  const delta = (now: number, before: number | undefined, show: (x: number) => string) =>
    before === undefined ? '' : ` (${now - before >= 0 ? '+' : '−'}${show(Math.abs(now - before))})`;
  const rows = [
    ['pass rate', `${rate(s.pass_rate)}${b ? ` (baseline ${rate(b.pass_rate)})` : ''}`],
    ['passed / failed / errors / skipped', `${s.passed} / ${s.failed} / ${s.errors} / ${s.skipped}`],
    ['cost', `${money(s.cost_usd)}${delta(s.cost_usd, b?.cost_usd, money)}`],
    [
      'tokens',
      `${s.tokens.total.toLocaleString('en')}${delta(s.tokens.total, b?.tokens.total, (x) => x.toLocaleString('en'))}`,
    ],
  ];
  return ['| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''];
}

function changedList(heading: string, list: ChangedTest[]): string[] {
  if (list.length === 0) return [];
  const rows = list.slice(0, ROW_LIMIT).map((t) => {
    const where = `${testFile(t)}:${t.line}`;
    return `| \`${t.key.replace(/[|`]/g, '_')}\` | ${mdEscape(where)} | ${t.lang ?? ''} | ${mdEscape(clip(t.reason, 200))} |`;
  });
  return [
    `### ${heading}: ${list.length}`,
    '',
    '| test | where | lang | why |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(list.length > ROW_LIMIT ? ['', `… and ${list.length - ROW_LIMIT} more.`] : []),
    '',
  ];
}

/** Error cases grouped by kind (see error-causes.ts); the first message shows why. */
function errors(report: Report): string[] {
  const causes = errorCauses(report.cases);
  if (causes.length === 0) return [];
  const rows = causes.map(({ kind, count, first }) => {
    const why = mdEscape(clip(firstLine(first.error?.message ?? ''), 240));
    return `| ${count} | ${kind} | ${why} | \`${first.id.replace(/[|`]/g, '_')}\` |`;
  });
  return [
    '### Errors',
    '',
    '| cases | kind | first message | e.g. |',
    '| ---: | --- | --- | --- |',
    ...rows,
    '',
  ];
}

function languages(rows: GroupDelta[]): string[] {
  if (rows.length < 2) return [];
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
  const pp = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} pp`);
  return [
    '### By language (Holm-corrected)',
    '',
    '| lang | tests | baseline | now | Δ | p (Holm) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (g) =>
        `| ${g.name}${g.significant ? ' **significant**' : ''} | ${g.n} | ${pct(g.a_pass_rate)} | ${pct(g.b_pass_rate)} | ${pp(g.delta_pp)} | ${g.p_adjusted.toPrecision(2)} |`,
    ),
    '',
  ];
}

/**
 * One collapsed block per changed test: regressions and fixes first, then tests whose prompt
 * changed with the same outcome. Each block is its own section, so as many fit as there is room.
 */
function changedTests(
  report: Report,
  baseline: Report | undefined,
  comparison: Comparison | undefined,
): string[][] {
  if (!baseline) return [];
  const before = new Map(baseline.cases.map((c) => [c.id, c]));
  const blocks: string[][] = [];
  const seen = new Set<string>();
  const add = (now: CaseResult, label: string) => {
    const was = before.get(now.id);
    if (!was || seen.has(now.id) || blocks.length >= DIFF_LIMIT) return;
    const prompt = [renderMessages(was), renderMessages(now)] as const;
    const output = [was.response?.output ?? '', now.response?.output ?? ''] as const;
    if (label === 'changed' && prompt[0] === prompt[1] && output[0] === output[1]) return;
    seen.add(now.id);
    blocks.push(diffBlock(now, label, prompt, output));
  };
  const byId = new Map(report.cases.map((c) => [c.id, c]));
  for (const [label, list] of [
    ['regression', comparison?.regressions ?? []],
    ['fix', comparison?.fixes ?? []],
  ] as const) {
    for (const t of list) {
      const id = t.b.case_ids[0];
      const now = id === undefined ? undefined : byId.get(id);
      if (now) add(now, label);
    }
  }
  for (const now of report.cases) {
    if (now.sample === 0) add(now, 'changed');
  }
  if (blocks.length > 0)
    blocks[0] = ['### Changed tests: prompt and output, baseline → now', '', ...blocks[0]!];
  return blocks;
}

function diffBlock(
  c: CaseResult,
  label: string,
  prompt: readonly [string, string],
  output: readonly [string, string],
): string[] {
  const where = `${testFile(c)}:${c.line}`;
  return [
    `<details><summary>${label}: <code>${xmlEscape(c.id)}</code> (${xmlEscape(where)})</summary>`,
    '',
    '<table><tr><th>prompt</th><th>output</th></tr><tr><td>',
    '',
    fenced(unifiedDiff(prompt[0], prompt[1])),
    '',
    '</td><td>',
    '',
    fenced(unifiedDiff(output[0], output[1])),
    '',
    '</td></tr></table>',
    '</details>',
    '',
  ];
}

/** A line diff as `diff` text: `-` lines of the baseline, `+` lines of now, the rest as context. */
function unifiedDiff(a: string, b: string): string {
  if (a === b) return clip(a, 1500).replace(/^/gm, '  ');
  const lines: string[] = [];
  for (const part of diffLines(clip(a, 3000), clip(b, 3000))) {
    const mark = part.added ? '+' : part.removed ? '-' : ' ';
    for (const line of part.value.replace(/\n$/, '').split('\n')) lines.push(`${mark} ${line}`);
  }
  return lines.join('\n');
}

function renderMessages(c: CaseResult): string {
  const messages = (c.request?.messages ?? []) as Array<{ role: string; content: unknown }>;
  return messages
    .map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}`)
    .join('\n');
}

/** A fenced `diff` block whose fence is longer than any run of backticks inside it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}diff\n${text}\n${fence}`;
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function length(lines: string[]): number {
  let n = 0;
  for (const l of lines) n += l.length + 1;
  return n;
}
