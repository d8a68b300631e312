/**
 * Geometry of the report's inline SVG charts. Pure numbers and labels: the templates place them
 * (so every label goes through Handlebars escaping) and the stylesheet colours them (so the CSP
 * needs no inline style).
 */

import type { Interval } from '../contracts/interval.js';
import { int, ms, pct } from './format.js';

/** One horizontal bar with its 95% interval. */
export interface RateBar {
  y: number;
  label: string;
  title: string;
  text: string;
  width: number;
  ciLow: number;
  ciHigh: number;
  textX: number;
  /** Vertical centre of the bar and the ends of the whisker caps. */
  mid: number;
  capTop: number;
  capBottom: number;
  cls: string;
}

/** A horizontal bar chart of pass rates, one bar per group. */
export interface RateChart {
  width: number;
  height: number;
  plotX: number;
  plotWidth: number;
  /** Bottom of the plot area, where the tick labels start. */
  axisY: number;
  bars: RateBar[];
  ticks: Array<{ x: number; label: string }>;
  /** The whole run's rate, drawn as a reference line. */
  reference: { x: number; label: string } | null;
}

/** One column of a histogram. */
export interface HistogramBin {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  cls: string;
}

/** A histogram with its axis labels. */
export interface Histogram {
  width: number;
  height: number;
  baseline: number;
  bins: HistogramBin[];
  labels: Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }>;
  maxLabel: string;
  empty: boolean;
}

const ROW = 24;
const TOP = 8;
const AXIS = 22;

/** Pass rate by group (language, model) as horizontal bars with their intervals. */
export function rateChart(
  groups: Array<{
    label: string;
    title: string;
    rate: number | null;
    ci: Interval | null;
    n: number;
    flagged?: boolean;
  }>,
  reference: number | null,
  width = 420,
): RateChart {
  // The label column fits the longest label (monospace, ~7 px a character), within reason.
  const longest = Math.max(2, ...groups.map((g) => g.label.length));
  const plotX = Math.min(Math.round(width * 0.45), 16 + longest * 7);
  const plotWidth = width - plotX - 52;
  const scale = (r: number) => plotX + r * plotWidth;
  const bars = groups.map((g, i) => {
    const rate = g.rate ?? 0;
    return {
      y: TOP + i * ROW,
      label: g.label,
      title: `${g.title}: ${pct(g.rate)} of ${int(g.n)} scored${g.ci ? `, 95% CI ${pct(g.ci.low)}–${pct(g.ci.high)}` : ''}`,
      text: pct(g.rate, 0),
      width: Math.max(0, rate * plotWidth),
      ciLow: g.ci ? scale(g.ci.low) : scale(rate),
      ciHigh: g.ci ? scale(g.ci.high) : scale(rate),
      textX: width - 46,
      mid: TOP + i * ROW + 9,
      capTop: TOP + i * ROW + 5,
      capBottom: TOP + i * ROW + 13,
      cls: g.rate === null ? 'bar none' : g.flagged ? 'bar flagged' : 'bar',
    };
  });
  const height = TOP + bars.length * ROW + AXIS;
  return {
    width,
    height,
    plotX,
    plotWidth,
    axisY: height - AXIS + 4,
    bars,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((t) => ({ x: scale(t), label: `${t * 100}%` })),
    reference: reference === null ? null : { x: scale(reference), label: `run ${pct(reference, 0)}` },
  };
}

function histogram(
  counts: number[],
  edgeLabel: (i: number) => string,
  titleOf: (i: number, n: number) => string,
  clsOf: (i: number) => string,
  width: number,
  height: number,
): Histogram {
  const max = Math.max(0, ...counts);
  const plotH = height - AXIS - TOP;
  const gap = 2;
  const w = width / Math.max(1, counts.length);
  const baseline = TOP + plotH;
  const bins = counts.map((n, i) => {
    const h = max === 0 ? 0 : Math.max(n > 0 ? 1 : 0, (n / max) * plotH);
    return {
      x: i * w + gap / 2,
      y: baseline - h,
      width: Math.max(1, w - gap),
      height: h,
      title: titleOf(i, n),
      cls: clsOf(i),
    };
  });
  const labels: Histogram['labels'] = [
    { x: 0, label: edgeLabel(0), anchor: 'start' },
    { x: width / 2, label: edgeLabel(Math.floor(counts.length / 2)), anchor: 'middle' },
    { x: width, label: edgeLabel(counts.length), anchor: 'end' },
  ];
  return { width, height, baseline, bins, labels, maxLabel: `${int(max)} cases`, empty: max === 0 };
}

/** A "nice" bin width (1, 2 or 5 × 10^k) covering `span` in about `bins` steps. */
function niceStep(span: number, bins: number): number {
  const raw = span / bins;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

/**
 * Latency histogram. The long tail is folded into the last bin (at the 99th percentile) so that
 * one slow call does not squash every other bar.
 */
export function latencyHistogram(latencies: number[], width = 420, height = 130): Histogram {
  if (latencies.length === 0) {
    return histogram(
      [0],
      () => '',
      () => '',
      () => 'bin',
      width,
      height,
    );
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const cap = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  const step = niceStep(Math.max(1, cap), 24);
  const nBins = Math.max(1, Math.ceil((cap + 1) / step));
  const counts = new Array<number>(nBins).fill(0);
  for (const l of sorted) counts[Math.min(nBins - 1, Math.floor(l / step))]! += 1;
  const overflow = sorted[sorted.length - 1]! >= nBins * step;
  return histogram(
    counts,
    (i) => (i === nBins && overflow ? `≥ ${ms(i * step)}` : ms(i * step)),
    (i, n) =>
      `${ms(i * step)}–${i === nBins - 1 && overflow ? 'max' : ms((i + 1) * step)}: ${int(n)} case${n === 1 ? '' : 's'}`,
    () => 'bin',
    width,
    height,
  );
}

/** Score distribution in ten bins over [0, 1]. */
export function scoreHistogram(scores: number[], width = 420, height = 130): Histogram {
  const counts = new Array<number>(10).fill(0);
  for (const s of scores) counts[Math.min(9, Math.max(0, Math.floor(s * 10)))]! += 1;
  return histogram(
    counts,
    (i) => (i / 10).toFixed(1),
    (i, n) =>
      `score ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}: ${int(n)} case${n === 1 ? '' : 's'}`,
    (i) => (i < 5 ? 'bin low' : i < 8 ? 'bin mid' : 'bin high'),
    width,
    height,
  );
}
