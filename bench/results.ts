/** The benchmark's results (written to bench/out/results.json) and its targets. */
import type { AgentResult } from './agent.js';
import type { Spread } from './measure.js';

export interface TimedSpread {
  /** Process wall time, ms. */
  wall: Spread;
  /** Peak RSS, MB. */
  rss: Spread | null;
  /** User + system CPU, ms. */
  cpu: Spread | null;
}

export interface FloorSpread {
  /** The request loop alone, ms (no process start, no module load). */
  loop: Spread;
  /** The whole floor process, ms. */
  wall: Spread;
  rss: Spread | null;
}

export interface SizeResult {
  cases: number;
  form: string;
  /** The recording run; `reused` when `--reuse` kept an earlier one (its numbers are from then). */
  record?: { wallMs: number; rssMb: number | null; cpuMs: number | null; at: string; reused?: boolean };
  replay?: TimedSpread & { aside: Spread };
  nockFloor?: FloorSpread;
  live?: TimedSpread & { aside: Spread };
  fetchFloor?: FloorSpread;
  /** The `--against` build's replay and live runs, each run right after this build's. */
  against?: { replay?: TimedSpread; live?: TimedSpread };
}

export interface BenchResults {
  machine: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memMb: number;
    date: string;
    commit: string | null;
  };
  options: Record<string, unknown>;
  startup: {
    /** `node -e 0`: the start-up floor. */
    node: TimedSpread;
    help: TimedSpread;
    validate: TimedSpread;
    oneCase: TimedSpread;
    asideBasis: string;
  } | null;
  sizes: SizeResult[];
  latency: {
    cases: number;
    latencyMs: number;
    concurrency: number;
    idealMs: number;
    wall: Spread;
    aside: Spread;
    efficiency: number;
    efficiencyAside: number;
    maxInFlight: number;
    /** The bare fetch loop at the same latency and concurrency, and its efficiency. */
    floor?: Spread;
    floorEfficiency?: number;
    /** The `--against` build's runs. */
    against?: Spread;
  } | null;
  /** `--only agent`: the tool-loop suite's replay per model call beside the single-call replay per case. */
  agent?: AgentResult | null;
  /** `--against`: the revision measured beside this one. */
  against?: { rev: string; commit: string };
  /** report.html open times: the replay's own report, and a fakeReport one (two models). */
  reports: ReportOpen[];
  targets: Target[];
  notes: string[];
}

export interface ReportOpen {
  source: 'replay' | 'fake';
  cases: number;
  file: string;
  sizeMb: number;
  open: Spread;
  page: Spread | null;
  rows: number;
}

export interface Target {
  name: string;
  measured: string;
  target: string;
  met: boolean | null;
}

const fmtRatio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

/** Checks every target the issue sets, with what was measured. */
export function evaluateTargets(r: BenchResults): Target[] {
  const t: Target[] = [];
  for (const s of r.sizes) {
    if (s.replay && s.nockFloor) {
      const ratio = s.replay.aside.median / s.nockFloor.loop.median;
      t.push({
        name: `replay ${s.cases.toLocaleString('en')} vs nock floor (start-up aside)`,
        measured: `${fmtRatio(ratio)}× (${ms(s.replay.aside.median)} vs ${ms(s.nockFloor.loop.median)})`,
        target: '≤ 1.30×',
        met: ratio <= 1.3,
      });
    }
    if (s.live && s.fetchFloor) {
      // Reported, not targeted: a real call takes seconds, not the simulator's 0 ms.
      const ratio = s.live.aside.median / s.fetchFloor.loop.median;
      t.push({
        name: `live ${s.cases.toLocaleString('en')} vs fetch floor (start-up aside)`,
        measured: `${fmtRatio(ratio)}× (${ms(s.live.aside.median)} vs ${ms(s.fetchFloor.loop.median)})`,
        target: 'reported',
        met: null,
      });
    }
    const limit = s.cases === 10_000 ? 250 : s.cases === 100_000 ? 1024 : null;
    if (limit !== null) {
      for (const [what, m] of [
        ['replay', s.replay?.rss],
        ['live', s.live?.rss],
      ] as const) {
        if (!m) continue;
        t.push({
          name: `peak RSS, ${what} ${s.cases.toLocaleString('en')}`,
          measured: `${m.max.toFixed(0)} MB (max of runs)`,
          target: `≤ ${limit} MB`,
          met: m.max <= limit,
        });
      }
      if (s.record?.rssMb != null) {
        t.push({
          name: `peak RSS, record ${s.cases.toLocaleString('en')}`,
          measured: `${s.record.rssMb.toFixed(0)} MB (one run)`,
          target: `≤ ${limit} MB`,
          met: s.record.rssMb <= limit,
        });
      }
    }
  }
  const by = new Map(r.sizes.map((s) => [s.cases, s]));
  const small = by.get(1000);
  const big = by.get(10_000);
  if (small && big) {
    for (const what of ['replay', 'live'] as const) {
      const a = small[what];
      const b = big[what];
      if (!a || !b) continue;
      const ratio = b.wall.median / a.wall.median;
      t.push({
        name: `${what} time 10,000 ÷ 1,000 (linear)`,
        measured: fmtRatio(ratio),
        target: '≤ 11',
        met: ratio <= 11,
      });
    }
  }
  if (r.latency) {
    t.push({
      name: `latency-bound efficiency (${r.latency.cases} cases, ${r.latency.latencyMs} ms, -j ${r.latency.concurrency})`,
      measured: `${fmtRatio(r.latency.efficiency)} (start-up aside ${fmtRatio(r.latency.efficiencyAside)})`,
      target: '≥ 0.90',
      met: r.latency.efficiency >= 0.9,
    });
  }
  if (r.agent) {
    const a = r.agent;
    const ratio = a.perCallMs / a.perCaseMs;
    t.push({
      name: `agent replay per model call vs single-call replay per case (${a.cases.toLocaleString('en')} cases, start-up aside)`,
      measured:
        `${fmtRatio(ratio)}× (${a.perCallMs.toFixed(2)} vs ${a.perCaseMs.toFixed(2)} ms)` +
        (a.perCallCpuMs && a.perCaseCpuMs
          ? `; CPU ${fmtRatio(a.perCallCpuMs / a.perCaseCpuMs)}× (${a.perCallCpuMs.toFixed(2)} vs ${a.perCaseCpuMs.toFixed(2)} ms)`
          : ''),
      target: '≤ 1.20×',
      met: ratio <= 1.2,
    });
  }
  if (r.startup) {
    t.push({
      name: '`qeval --help`',
      measured: ms(r.startup.help.wall.median),
      target: '≤ 150 ms',
      met: r.startup.help.wall.median <= 150,
    });
  }
  for (const rep of r.reports) {
    t.push({
      name: `${rep.cases.toLocaleString('en')}-case report.html opens (${rep.source === 'replay' ? "the replay run's" : 'fakeReport, 2 models'})`,
      measured: ms(rep.open.median),
      target: '≤ 1.5 s',
      met: rep.open.median <= 1500,
    });
  }
  return t;
}

/** Milliseconds for people: `840 ms`, `12.3 s`. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (Math.abs(x) < 1000) return `${Math.round(x)} ms`;
  if (Math.abs(x) < 100_000) return `${(x / 1000).toFixed(2)} s`;
  return `${(x / 1000).toFixed(1)} s`;
}
