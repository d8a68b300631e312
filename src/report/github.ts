/**
 * GitHub Actions integration (SPEC §4): an `::error` workflow command at each failing test's
 * line in its YAML file, and the Markdown summary appended to `$GITHUB_STEP_SUMMARY`.
 */
import { appendFile } from 'node:fs/promises';
import type { Report } from '../contracts/report.js';
import { type CaseResult, testFile } from '../contracts/result.js';
import { caseLabel } from './format.js';
import { summaryMarkdown } from './markdown.js';

/** GitHub shows at most this many annotations per step; more are noise in the log. */
const MAX_ANNOTATIONS = 50;

/** Escapes a workflow command's message (`%`, CR, LF), per the runner's rules. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function message(c: CaseResult): string {
  if (c.status === 'error')
    return `error: ${c.error?.kind ?? 'internal'}: ${c.error?.message ?? 'no usable response'}`;
  const failed = c.assertions.filter((a) => !a.pass);
  const why =
    failed.length > 0
      ? failed.map((a) => `${a.name ?? a.type}: ${a.reason}`).join('\n')
      : `score ${c.score?.toFixed(2) ?? '—'} below threshold ${c.threshold ?? '—'}`;
  const out = c.response ? `\noutput: ${c.response.output.slice(0, 300)}` : '';
  return `${why}${out}`;
}

/**
 * The `::error` lines of a report: one per failing test (its first failing case stands for its
 * other languages, models and samples, which the message counts), at the test's line.
 */
export function annotationLines(report: Report): string[] {
  const byTest = new Map<string, CaseResult[]>();
  for (const c of report.cases) {
    if (c.status !== 'fail' && c.status !== 'error') continue;
    const key = `${testFile(c)}\u0000${c.line}\u0000${c.test_id}`;
    const list = byTest.get(key);
    if (list) list.push(c);
    else byTest.set(key, [c]);
  }
  const lines: string[] = [];
  for (const list of byTest.values()) {
    if (lines.length >= MAX_ANNOTATIONS) break;
    const c = list[0]!;
    const others =
      list.length > 1
        ? ` (+${list.length - 1} more failing case${list.length > 2 ? 's' : ''} of this test)`
        : '';
    const title = `qeval: ${caseLabel(c)} ${c.status === 'error' ? 'errored' : 'failed'}${others}`;
    const props = [
      `file=${escapeProperty(testFile(c))}`,
      `line=${c.line}`,
      `col=${c.col}`,
      `title=${escapeProperty(title)}`,
    ].join(',');
    lines.push(`::error ${props}::${escapeData(message(c))}`);
  }
  if (byTest.size > MAX_ANNOTATIONS) {
    lines.push(
      `::warning::${escapeData(`qeval: ${byTest.size - MAX_ANNOTATIONS} more failing tests; see the job summary`)}`,
    );
  }
  return lines;
}

/**
 * When env.GITHUB_ACTIONS === 'true': returns the `::error file=…,line=…,col=…,title=…::message`
 * lines for failing/error cases and appends the Markdown summary to env.GITHUB_STEP_SUMMARY when
 * set. The CLI prints the lines to stdout. Returns [] elsewhere.
 */
export async function githubAnnotations(report: Report, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (env.GITHUB_ACTIONS !== 'true') return [];
  if (env.GITHUB_STEP_SUMMARY)
    await appendFile(env.GITHUB_STEP_SUMMARY, `${summaryMarkdown(report)}\n`, 'utf8');
  return annotationLines(report);
}
