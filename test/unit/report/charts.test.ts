import { describe, expect, it } from 'vitest';
import { latencyHistogram, rateChart, scoreHistogram } from '../../../src/report/charts.js';

describe('charts', () => {
  it('the latency histogram counts every case once and folds the tail into the last bin', () => {
    const lat = [...Array.from({ length: 990 }, (_, i) => 100 + i), 60_000, 90_000, ...Array(8).fill(500)];
    const h = latencyHistogram(lat);
    const total = h.bins.reduce(
      (n, b) => n + Number(b.title.match(/: (\d[\d,]*) case/)![1]!.replace(/,/g, '')),
      0,
    );
    expect(total).toBe(lat.length);
    expect(h.labels.at(-1)!.label.startsWith('≥')).toBe(true);
    expect(h.bins.length).toBeLessThanOrEqual(26);
    for (const b of h.bins) expect(b.y + b.height).toBeCloseTo(h.baseline);
  });

  it('the score histogram has ten bins over [0, 1], 1.0 in the last', () => {
    const h = scoreHistogram([0, 0.05, 0.5, 0.99, 1, 1]);
    expect(h.bins).toHaveLength(10);
    expect(h.bins[0]!.title).toContain(': 2 cases');
    expect(h.bins[5]!.title).toContain(': 1 case');
    expect(h.bins[9]!.title).toContain(': 3 cases');
    expect(h.bins[0]!.cls).toBe('bin low');
    expect(h.bins[9]!.cls).toBe('bin high');
  });

  it('an empty histogram says so', () => {
    expect(latencyHistogram([]).empty).toBe(true);
    expect(scoreHistogram([]).empty).toBe(true);
  });

  it('rate bars are proportional, with whiskers at the interval and flagged groups marked', () => {
    const c = rateChart(
      [
        { label: 'en', title: 'English', rate: 0.9, ci: { low: 0.8, high: 0.95 }, n: 100 },
        { label: 'ar', title: 'Arabic', rate: 0.45, ci: { low: 0.35, high: 0.55 }, n: 100, flagged: true },
        { label: 'xx', title: 'none', rate: null, ci: null, n: 0 },
      ],
      0.7,
    );
    const [en, ar, none] = c.bars;
    expect(en!.width / ar!.width).toBeCloseTo(2);
    expect(en!.ciLow).toBeCloseTo(c.plotX + 0.8 * c.plotWidth);
    expect(ar!.cls).toBe('bar flagged');
    expect(none!.cls).toBe('bar none');
    expect(none!.text).toBe('—');
    expect(c.reference!.x).toBeCloseTo(c.plotX + 0.7 * c.plotWidth);
  });
});
