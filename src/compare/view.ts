/**
 * The comparison as display strings, shared by the HTML section, the page and the Markdown: the
 * templates only place these (escaped), so what the pages say is testable here.
 */

import type { ChangedTest, Comparison, GroupDelta, OneSidedTest, TestRef } from '../contracts/comparison.js';
import { testFile } from '../contracts/result.js';
import { pEquals, percent, percentInterval, ppInterval, score, signed, signedPp } from './format.js';
import { type PairwiseView, pairwiseView } from './pairwise-view.js';

/** How many rows each list shows before "and N more" (the JSON has them all). */
export const LIST_LIMIT = 200;

export interface ChangedRow {
  key: string;
  name: string;
  where: string;
  a: string;
  b: string;
  reason: string;
}

export interface GroupRow {
  name: string;
  n: number;
  a: string;
  b: string;
  delta: string;
  score: string;
  changes: string;
  p: string;
  pAdjusted: string;
  significant: boolean;
  /** A diverging bar on a 0–100 axis centred at 50: ±50 points fill half the width. */
  bar: { x: number; width: number; cls: string };
}

export interface ListView<T> {
  rows: T[];
  more: number;
}

export interface ComparisonView {
  verdict: string;
  direction: Comparison['verdict']['direction'];
  /** Badge class: fail for worse, pass for better, skipped for no difference. */
  verdictClass: 'fail' | 'pass' | 'skipped';
  significant: boolean;
  warnings: string[];
  sides: Array<{
    side: string;
    label: string;
    source: string;
    models: string;
    rate: string;
    ci: string;
    passed: string;
    meanScore: string;
  }>;
  counts: Array<{ label: string; value: number; cls: string }>;
  mcnemar: string;
  passDelta: string;
  scoreDelta: string;
  regressions: ListView<ChangedRow>;
  fixes: ListView<ChangedRow>;
  added: ListView<{ key: string; where: string; status: string }>;
  removed: ListView<{ key: string; where: string; status: string }>;
  errors: ListView<{ key: string; side: string; caseId: string; status: string; message: string }>;
  flaky: ListView<{ key: string; a: string; b: string }>;
  byLang: GroupRow[];
  byTag: GroupRow[];
  passAtK: Array<{ k: number; a: string; b: string; aHat: string; bHat: string }> | null;
  scoreDeltas: ListView<{ key: string; a: string; b: string; delta: string }>;
  /** `compare --judge`'s pairwise preferences; null without it. */
  pairwise: PairwiseView | null;
}

function limit<T, U>(items: readonly T[], map: (x: T) => U, max = LIST_LIMIT): ListView<U> {
  return { rows: items.slice(0, max).map(map), more: Math.max(0, items.length - max) };
}

function where(t: TestRef): string {
  return `${testFile(t)}:${t.line}`;
}

function outcomeText(o: ChangedTest['a']): string {
  const verdict = o.pass === null ? 'no verdict' : o.pass ? 'pass' : 'fail';
  const samples = o.samples > 1 ? ` ${o.passed}/${o.judged}` : '';
  return `${verdict}${samples} (${score(o.score)})`;
}

function changedRow(t: ChangedTest): ChangedRow {
  return {
    key: t.key,
    name: t.test_name ?? '',
    where: where(t),
    a: outcomeText(t.a),
    b: outcomeText(t.b),
    reason: t.reason,
  };
}

function oneSidedRow(t: OneSidedTest) {
  return { key: t.key, where: where(t), status: outcomeText(t.outcome) };
}

function groupRow(g: GroupDelta): GroupRow {
  const d = g.delta_pp ?? 0;
  const half = Math.min(50, Math.abs(d));
  return {
    name: g.name,
    n: g.n,
    a: percent(g.a_pass_rate),
    b: percent(g.b_pass_rate),
    delta: g.delta_pp === null ? '–' : `${signed(g.delta_pp)} pp`,
    score: g.mean_score_delta === null ? '–' : signed(g.mean_score_delta, 3),
    changes: `${g.regressions} ↓ / ${g.fixes} ↑`,
    p: pEquals(g.p),
    pAdjusted: pEquals(g.p_adjusted),
    significant: g.significant,
    bar: { x: d < 0 ? 50 - half : 50, width: half, cls: d < 0 ? 'low' : 'good' },
  };
}

function interval(d: Comparison['mean_delta'], asPp: boolean): string {
  if (!d) return '–';
  const method =
    d.method === 'percentile'
      ? `paired bootstrap, ${d.resamples.toLocaleString('en')} resamples, seed ${d.seed}`
      : 'normal approximation (large set)';
  const level = Math.round(d.level * 100);
  return asPp
    ? `${signedPp(d.mean)}, ${level}% CI ${ppInterval(d.ci)} (${method})`
    : `${signed(d.mean, 3)}, ${level}% CI [${signed(d.ci.low, 3)}, ${signed(d.ci.high, 3)}] (${method})`;
}

/** Builds the display strings of a comparison. */
export function comparisonView(c: Comparison): ComparisonView {
  const side = (name: 'a' | 'b') => {
    const s = c.sides[name];
    return {
      side: name.toUpperCase(),
      label: s.label,
      source: s.source ?? '',
      models: s.models.join(', '),
      rate: percent(s.pass_rate),
      ci: percentInterval(s.ci),
      passed: `${s.passed}/${s.n}`,
      meanScore: score(s.mean_score),
    };
  };
  const p = c.pairs;
  return {
    verdict: c.verdict.text,
    direction: c.verdict.direction,
    verdictClass:
      c.verdict.direction === 'worse' ? 'fail' : c.verdict.direction === 'better' ? 'pass' : 'skipped',
    significant: c.verdict.significant,
    warnings: c.warnings,
    sides: [side('a'), side('b')],
    counts: [
      { label: 'regressions', value: p.regressions, cls: 'fail' },
      { label: 'fixes', value: p.fixes, cls: 'pass' },
      { label: 'both pass', value: p.both_pass, cls: '' },
      { label: 'both fail', value: p.both_fail, cls: '' },
      { label: 'new', value: p.added, cls: '' },
      { label: 'removed', value: p.removed, cls: '' },
      { label: 'left out (errors)', value: p.excluded, cls: 'error' },
    ],
    mcnemar: `McNemar exact (two-sided binomial on ${c.mcnemar.b} regressions vs ${c.mcnemar.c} fixes): ${pEquals(c.mcnemar.p)}`,
    passDelta: interval(c.pass_rate_delta, true),
    scoreDelta: interval(c.mean_delta, false),
    regressions: limit(c.regressions, changedRow),
    fixes: limit(c.fixes, changedRow),
    added: limit(c.added, oneSidedRow),
    removed: limit(c.removed, oneSidedRow),
    errors: limit(c.errors, (e) => ({
      key: e.key,
      side: e.side.toUpperCase(),
      caseId: e.case_id,
      status: e.status,
      message: e.message,
    })),
    flaky: limit(c.flaky, (f) => ({
      key: f.key,
      a: f.a ? `${f.a.passed}/${f.a.judged}` : '–',
      b: f.b ? `${f.b.passed}/${f.b.judged}` : '–',
    })),
    byLang: c.by_lang.map(groupRow),
    byTag: c.by_tag.map(groupRow),
    passAtK:
      c.pass_at_k?.map((r) => ({
        k: r.k,
        a: percent(r.a_pass_at_k),
        b: percent(r.b_pass_at_k),
        aHat: percent(r.a_pass_hat_k),
        bHat: percent(r.b_pass_hat_k),
      })) ?? null,
    scoreDeltas: limit(
      c.score_deltas.filter((d) => d.delta !== 0),
      (d) => ({ key: d.key, a: score(d.a), b: score(d.b), delta: signed(d.delta, 2) }),
      50,
    ),
    pairwise: pairwiseView(c.pairwise),
  };
}
