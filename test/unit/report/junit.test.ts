import { describe, expect, it } from 'vitest';
import { junitChunks } from '../../../src/report/junit.js';
import { xmlEscape } from '../../../src/report/xml.js';
import { fakeReport } from '../../utils/fake-report.js';

const render = (report: ReturnType<typeof fakeReport>) => [...junitChunks(report)].join('');

function attrs(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('junit.xml', () => {
  const report = fakeReport({ cases: 240, hostile: true, seed: 6 });
  const xml = render(report);

  it('has a testsuite per suite file and a testcase per case, with matching counts', () => {
    const suites = [...xml.matchAll(/<testsuite [^>]*>/g)].map((m) => attrs(m[0]));
    expect(suites.map((s) => s.name).sort()).toEqual(['greetings', 'json-output', 'refunds']);
    expect(suites.find((s) => s.name === 'refunds')!.file).toBe('suites/refunds.yaml');
    expect([...xml.matchAll(/<testcase /g)]).toHaveLength(240);
    const root = attrs(xml.match(/<testsuites [^>]*>/)![0]);
    const count = (st: string) => report.cases.filter((c) => c.status === st).length;
    expect(Number(root.tests)).toBe(240);
    expect(Number(root.failures)).toBe(count('fail'));
    expect(Number(root.errors)).toBe(count('error'));
    expect(Number(root.skipped)).toBe(count('skipped'));
    const sum = (k: string) => suites.reduce((n, s) => n + Number(s[k]), 0);
    expect(sum('tests')).toBe(240);
    expect(sum('failures')).toBe(count('fail'));
  });

  it('names each testcase "test_id [lang] model variant #sample" with file and line', () => {
    const c = report.cases[0]!;
    const tc = attrs(xml.match(/<testcase [^>]*>/)![0]);
    expect(tc.classname).toBe(c.suite);
    expect(tc.name).toBe(`${c.test_id} [${c.lang}] ${c.model} #${c.sample}`);
    expect(tc.file).toBe(c.suite_file);
    expect(tc.line).toBe(String(c.line));
    expect(Number(tc.time)).toBeCloseTo((c.response?.latency_ms ?? c.duration_ms) / 1000, 3);
  });

  it('puts every failed assertion reason in <failure>, errors in <error>, skips in <skipped/>', () => {
    const failing = report.cases.find(
      (c) => c.status === 'fail' && c.assertions.filter((a) => !a.pass).length > 1,
    );
    const anyFail = failing ?? report.cases.find((c) => c.status === 'fail')!;
    for (const a of anyFail.assertions.filter((x) => !x.pass)) expect(xml).toContain(xmlEscape(a.reason));
    expect(xml).toMatch(/<failure message="[^"]+" type="assertion">/);
    expect(xml).toMatch(/<error message="No recording for [^"]+" type="cassette-miss">/);
    expect(xml).toContain('<skipped/>');
  });

  it('escapes hostile output and drops characters XML 1.0 forbids', () => {
    expect(xml).not.toContain('<testcase name="injected"/>');
    expect(xml).not.toContain('</script><script>');
    expect(xml).toContain('&lt;/script&gt;&lt;script&gt;');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('keeps newlines inside attributes as character references', () => {
    const r = fakeReport({ cases: 40, seed: 6 });
    const c = r.cases.find((x) => x.status === 'fail')!;
    c.assertions = [{ type: 'contains', weight: 1, pass: false, score: 0, reason: 'line one\nline "two"' }];
    const out = render(r);
    expect(out).toContain('message="contains: line one&#10;line &quot;two&quot;"');
  });
});
