import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { mergeReports } from '../../../src/run/merge.js';
import { inShard } from '../../../src/run/shard.js';
import { caseResult, reportOf } from './helpers.js';

describe('merge', () => {
  it('joins shards into the report of the whole run', () => {
    const all = Array.from({ length: 40 }, (_, i) =>
      caseResult({
        id: `s/t${i}/qwen-max#0`,
        status: i % 7 === 0 ? 'fail' : 'pass',
        lang: i % 2 ? 'zh' : 'en',
      }),
    );
    const whole = reportOf(all.map((c) => ({ ...c })));
    const shards = [1, 2, 3].map((k) =>
      reportOf(
        all.filter((c) => inShard(c.id, { index: k, count: 3 })).map((c) => ({ ...c })),
        { shard: { index: k, count: 3 } },
      ),
    );
    const merged = mergeReports(shards.map((report, i) => ({ path: `shard-${i + 1}`, report })));
    expect(merged.cases).toEqual(whole.cases);
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.run.shard).toBeNull();
  });

  it('refuses a case present in two reports', () => {
    const a = reportOf([caseResult({ id: 'x' })]);
    expect(() =>
      mergeReports([
        { path: 'a', report: a },
        { path: 'b', report: a },
      ]),
    ).toThrow(InputError);
  });
});
