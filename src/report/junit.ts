/**
 * The junit.xml reporter: a `<testsuite>` per suite file, a `<testcase>` per case. Failed
 * assertions go in `<failure>`, cases without a usable response in `<error>` (not counted as
 * model failures), skips in `<skipped/>`. Shaped for the readers GitHub (test-reporter actions),
 * GitLab (`artifacts:reports:junit`) and Jenkins (`junit` step) share: integer counts, seconds
 * as decimals, `file` and `line` on each testcase.
 */
import { join } from 'node:path';
import type { Report } from '../contracts/report.js';
import { type CaseResult, testFile } from '../contracts/result.js';
import { caseLabel, score } from './format.js';
import { transcriptLine } from './transcript-line.js';
import type { FileReporter } from './types.js';
import { writeChunks } from './write-stream.js';
import { truncate, xmlAttr, xmlEscape } from './xml.js';

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

function caseTime(c: CaseResult): number {
  return c.response?.latency_ms ?? c.duration_ms ?? 0;
}

function failedAssertionLines(c: CaseResult): string[] {
  return c.assertions
    .filter((a) => !a.pass)
    .map((a) => `✗ ${a.type}${a.name ? ` (${a.name})` : ''} [score ${score(a.score)}]: ${a.reason}`);
}

/** A case's transcript on one line (`step 1 → get_weather(…) → …; step 2 → "…"`); '' without one. */
function transcriptText(c: CaseResult): string {
  return c.transcript ? `transcript: ${truncate(transcriptLine(c.transcript), 4000)}` : '';
}

function failureMessage(c: CaseResult): string {
  const failed = c.assertions.filter((a) => !a.pass);
  if (failed.length === 0) {
    // Every assertion passed but the weighted score is under the threshold.
    return `score ${score(c.score)} is below the threshold ${score(c.threshold)}`;
  }
  const first = failed[0]!;
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
  return truncate(`${first.type}: ${first.reason}${more}`, 300);
}

function testcase(c: CaseResult): string {
  const attrs =
    `classname="${xmlAttr(c.suite)}" name="${xmlAttr(caseLabel(c))}" ` +
    `file="${xmlAttr(testFile(c))}" line="${c.line}" time="${seconds(caseTime(c))}"`;
  const out = c.response
    ? `\n      <system-out>${xmlEscape(truncate(c.response.output, 4000))}</system-out>`
    : '';
  if (c.status === 'pass') return `    <testcase ${attrs}>${out ? `${out}\n    ` : ''}</testcase>\n`;
  if (c.status === 'skipped') return `    <testcase ${attrs}>\n      <skipped/>\n    </testcase>\n`;
  if (c.status === 'error') {
    const kind = c.error?.kind ?? 'internal';
    const message = c.error?.message ?? 'no usable response';
    const body = [message, c.error?.status ? `HTTP ${c.error.status}` : '', c.error?.snippet ?? '']
      .concat(c.assertions.filter((a) => a.error).map((a) => `${a.type}: ${a.reason}`))
      .concat(transcriptText(c))
      .filter(Boolean)
      .join('\n');
    return (
      `    <testcase ${attrs}>\n      <error message="${xmlAttr(truncate(message, 300))}" type="${xmlAttr(kind)}">` +
      `${xmlEscape(body)}</error>${out}\n    </testcase>\n`
    );
  }
  const body = [
    `score ${score(c.score)}${c.threshold !== undefined ? ` (threshold ${score(c.threshold)})` : ''}`,
    ...failedAssertionLines(c),
    transcriptText(c),
    `at ${testFile(c)}:${c.line}:${c.col}`,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    `    <testcase ${attrs}>\n      <failure message="${xmlAttr(failureMessage(c))}" type="assertion">` +
    `${xmlEscape(body)}</failure>${out}\n    </testcase>\n`
  );
}

/** The chunks of junit.xml, in order. */
export function* junitChunks(report: Report): Generator<string> {
  const bySuite = new Map<string, CaseResult[]>();
  for (const c of report.cases) {
    const key = `${c.suite}\u0000${c.suite_file}`;
    const list = bySuite.get(key);
    if (list) list.push(c);
    else bySuite.set(key, [c]);
  }
  const count = (list: CaseResult[], s: CaseResult['status']) => list.filter((c) => c.status === s).length;
  const totalTime = (list: CaseResult[]) => list.reduce((t, c) => t + caseTime(c), 0);
  const all = report.cases;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="qeval ${xmlAttr(report.run.id)}" tests="${all.length}" failures="${count(all, 'fail')}" ` +
    `errors="${count(all, 'error')}" skipped="${count(all, 'skipped')}" time="${seconds(report.run.duration_ms)}" ` +
    `timestamp="${xmlAttr(report.run.started_at)}">\n`;
  for (const list of bySuite.values()) {
    const first = list[0]!;
    yield `  <testsuite name="${xmlAttr(first.suite)}" file="${xmlAttr(first.suite_file)}" tests="${list.length}" ` +
      `failures="${count(list, 'fail')}" errors="${count(list, 'error')}" skipped="${count(list, 'skipped')}" ` +
      `time="${seconds(totalTime(list))}" timestamp="${xmlAttr(first.started_at)}">\n`;
    for (const c of list) yield testcase(c);
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

/** junit.xml */
export const junit: FileReporter = {
  name: 'junit',
  async onRunEnd(report, { outDir }) {
    const path = join(outDir, 'junit.xml');
    await writeChunks(path, junitChunks(report), report.cases.length);
    return [path];
  },
};
