/**
 * `qeval judge-check`'s outputs: the terminal table, judge-check.md and judge-check.json, all
 * from one list of rows.
 */
import { join } from 'node:path';
import {
  type Agreement,
  type AgreementGroup,
  isNoise,
  type JudgeCheck,
  type JudgeCheckAssertion,
} from '../contracts/judge-check.js';
import { ioError } from '../errors.js';
import { makeDirectory } from '../files.js';
import { writeChunks } from './write-stream.js';

/** The words a flagged rubric carries, in every form. */
export const NOISE_FLAG = 'this rubric is noise';

/** A kappa with its interval: `0.82 [0.61, 0.95]`; `1 (all alike)` when every verdict was the same. */
export function formatKappa(a: Agreement | null): string {
  if (!a) return '—';
  if (a.items === 0) return 'no items';
  if (a.kappa === null) return `${round(a.observed)} (all alike)`;
  const interval = a.low === null || a.high === null ? '' : ` [${round(a.low)}, ${round(a.high)}]`;
  return `${round(a.kappa)}${interval}`;
}

function round(x: number): string {
  return (Math.round(x * 100) / 100).toFixed(2);
}

/** One row of a judge-check table: a grader in a scope (an assertion, a language). */
export interface JudgeCheckRow {
  scope: string;
  grader: string;
  self: string;
  between: string;
  flag: string;
}

function rowsOf(scope: string, g: AgreementGroup): JudgeCheckRow[] {
  return g.self.map((s, i) => ({
    scope: i === 0 ? scope : '',
    grader: s.model,
    self: formatKappa(s),
    between: i === 0 && g.between ? `${formatKappa(g.between)} (${g.between.method})` : '',
    flag: isNoise(s) ? NOISE_FLAG : '',
  }));
}

/** The label of an assertion in every form. */
export function assertionLabel(a: JudgeCheckAssertion): string {
  return `${a.suite} › ${a.test_id} › ${a.name ?? `#${a.index + 1} ${a.type}`}`;
}

/** The rows by assertion, then by language. */
export function judgeCheckTables(jc: JudgeCheck): { title: string; rows: JudgeCheckRow[] }[] {
  return [
    {
      title: 'assertion',
      rows: jc.assertions.flatMap((a) => rowsOf(assertionLabel(a), a)),
    },
    { title: 'language', rows: jc.languages.flatMap((l) => rowsOf(l.lang, l)) },
  ];
}

const headings = (title: string) => [title, 'grader', 'self-agreement κ [95% CI]', 'between graders κ', ''];
const cells = (r: JudgeCheckRow) => [r.scope, r.grader, r.self, r.between, r.flag];

function summaryLine(jc: JudgeCheck): string {
  const flagged = jc.assertions.filter((a) => a.flagged).length;
  const errors = jc.errors
    ? `; ${jc.errors} graded answer(s) left out: a grader call failed in some sample (in replay: a sample not recorded yet — record it with --mode auto and a key)`
    : '';
  return `${jc.assertions.length} model-graded assertion(s) graded ${jc.samples} times; ${flagged} agree(s) with itself less than κ ${jc.floor}${errors}`;
}

/** The terminal form: one aligned table per scope, then a summary line. */
export function judgeCheckText(jc: JudgeCheck): string {
  const out: string[] = [];
  for (const { title, rows } of judgeCheckTables(jc)) {
    const lines = [headings(title), ...rows.map(cells)];
    const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => [...l[i]!].length)));
    for (const l of lines)
      out.push(
        l
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
    out.push('');
  }
  out.push(summaryLine(jc));
  return `${out.join('\n')}\n`;
}

/** judge-check.md: the same tables in Markdown. */
export function judgeCheckMarkdown(jc: JudgeCheck): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = ['# Judge check', '', summaryLine(jc), ''];
  for (const { title, rows } of judgeCheckTables(jc)) {
    out.push(`## By ${title}`, '', `| ${headings(title).join(' | ')} |`, '|---|---|---|---|---|');
    for (const r of rows) out.push(`| ${cells(r).map(esc).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Writes judge-check.json and judge-check.md into `outDir` (each atomically); returns their paths. */
export async function writeJudgeCheck(jc: JudgeCheck, outDir: string): Promise<string[]> {
  await makeDirectory(outDir).catch((err: unknown) => {
    throw ioError(err, outDir, 'the output folder');
  });
  const json = join(outDir, 'judge-check.json');
  const md = join(outDir, 'judge-check.md');
  await writeChunks(json, [`${JSON.stringify(jc, null, 2)}\n`], 0);
  await writeChunks(md, [judgeCheckMarkdown(jc)], 0);
  return [json, md];
}
