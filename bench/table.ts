/** Renders the results as the Markdown tables the README carries. */
import type { Spread } from './measure.js';
import { type BenchResults, ms } from './results.js';

const n = (x: number) => x.toLocaleString('en');
const mb = (s: Spread | null | undefined) =>
  s ? `${s.median.toFixed(0)} MB (${s.min.toFixed(0)}–${s.max.toFixed(0)})` : '';
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

interface Line {
  name: string;
  cases?: string;
  wall: Spread;
  cpu?: Spread | null;
  rss?: Spread | null;
  note?: string;
}

function line(l: Line): string {
  return row([
    l.name,
    l.cases ?? '',
    ms(l.wall.median),
    ms(l.wall.min),
    ms(l.wall.max),
    l.cpu ? ms(l.cpu.median) : '',
    mb(l.rss),
    l.note ?? '',
  ]);
}

/** One run as a spread of one. */
const one = (x: number): Spread => ({ median: x, min: x, max: x, n: 1 });

/** The measurements table and the targets table. */
export function renderTables(r: BenchResults): string {
  const lines: string[] = [
    row([
      'measurement',
      'cases',
      'median',
      'min',
      'max',
      'CPU (user+sys) median',
      'peak RSS median (min–max)',
      'note',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  const j = `-j ${r.options.concurrency}`;
  const st = r.startup;
  if (st) {
    lines.push(line({ name: 'floor: `node -e 0`', wall: st.node.wall, cpu: st.node.cpu, rss: st.node.rss }));
    lines.push(line({ name: '`qeval --help`', wall: st.help.wall, cpu: st.help.cpu, rss: st.help.rss }));
    lines.push(
      line({
        name: '`qeval validate`, one 1-test suite',
        cases: '1',
        wall: st.validate.wall,
        cpu: st.validate.cpu,
        rss: st.validate.rss,
      }),
    );
    lines.push(
      line({
        name: 'start-up: 1-case replay run',
        cases: '1',
        wall: st.oneCase.wall,
        cpu: st.oneCase.cpu,
        rss: st.oneCase.rss,
        note: 'subtracted as "start-up aside"',
      }),
    );
  }
  for (const s of r.sizes) {
    const c = n(s.cases);
    if (s.record) {
      const rec = s.record;
      lines.push(
        line({
          name: 'record (simulator 0 ms, cassettes written)',
          cases: c,
          wall: one(rec.wallMs),
          cpu: rec.cpuMs === null ? null : one(rec.cpuMs),
          rss: rec.rssMb === null ? null : one(rec.rssMb),
          note: `one run${rec.reused ? ` (reused, recorded ${rec.at})` : ''}; ${s.form} suites`,
        }),
      );
    }
    if (s.replay) {
      lines.push(line({ name: '**replay**', cases: c, ...s.replay, note: `${j}; ${s.form} suites` }));
      lines.push(line({ name: 'replay, start-up aside', cases: c, wall: s.replay.aside }));
    }
    if (s.nockFloor) {
      lines.push(
        line({
          name: 'floor: nock-intercepted `fetch` loop',
          cases: c,
          wall: s.nockFloor.loop,
          note: `${j}; in-process loop`,
        }),
      );
      lines.push(line({ name: 'floor: nock, whole process', cases: c, ...s.nockFloor }));
    }
    if (s.live) {
      lines.push(line({ name: '**live** (simulator, 0 ms)', cases: c, ...s.live, note: j }));
      lines.push(line({ name: 'live, start-up aside', cases: c, wall: s.live.aside }));
    }
    if (s.fetchFloor) {
      lines.push(
        line({
          name: 'floor: bare `fetch` loop to the simulator',
          cases: c,
          wall: s.fetchFloor.loop,
          note: `${j}; in-process loop`,
        }),
      );
      lines.push(line({ name: 'floor: fetch, whole process', cases: c, ...s.fetchFloor }));
    }
  }
  if (r.latency) {
    const l = r.latency;
    lines.push(
      line({
        name: `**latency-bound** (${l.latencyMs} ms, -j ${l.concurrency})`,
        cases: n(l.cases),
        wall: l.wall,
        note: `ideal ${ms(l.idealMs)}; efficiency ${l.efficiency.toFixed(2)} (start-up aside ${l.efficiencyAside.toFixed(2)}); max in flight ${l.maxInFlight}`,
      }),
    );
    if (l.floor) {
      lines.push(
        line({
          name: 'floor: bare `fetch` loop, same latency and `-j`',
          cases: n(l.cases),
          wall: l.floor,
          note: `efficiency ${l.floorEfficiency?.toFixed(2)}; in-process loop`,
        }),
      );
    }
  }
  if (r.agent) {
    const a = r.agent;
    const calls = `${n(a.cases)} × ${a.calls / a.cases} calls`;
    lines.push(
      line({
        name: 'agent record (2 tool steps + answer per case)',
        cases: calls,
        wall: one(a.record.wallMs),
        cpu: a.record.cpuMs === null ? null : one(a.record.cpuMs),
        rss: a.record.rssMb === null ? null : one(a.record.rssMb),
        note: 'one run',
      }),
    );
    lines.push(
      line({
        name: '**agent replay**',
        cases: calls,
        ...a.replay,
        note: `${j}; ${a.perCallMs.toFixed(2)} ms per model call, start-up aside`,
      }),
    );
    lines.push(
      line({
        name: 'single-call replay, same size',
        cases: n(a.cases),
        ...a.single,
        note: `${j}; ${a.perCaseMs.toFixed(2)} ms per case, start-up aside`,
      }),
    );
  }
  for (const rep of r.reports) {
    const what = rep.source === 'replay' ? "the replay run's" : 'fakeReport, 2 models';
    lines.push(
      line({
        name: `**report.html opens** in Chromium (${what})`,
        cases: n(rep.cases),
        wall: rep.open,
        note: `\`file://\` → \`data-ready\`; ${rep.sizeMb.toFixed(1)} MB file; ${rep.rows} rows drawn`,
      }),
    );
  }
  const targets = [row(['target', 'measured', 'goal', 'met']), row(['---', '---', '---', '---'])];
  for (const t of r.targets) {
    targets.push(row([t.name, t.measured, t.target, t.met === null ? '—' : t.met ? 'yes' : '**no**']));
  }
  const against = r.against ? `\n${renderAgainst(r)}` : '';
  return `${lines.join('\n')}\n\n${targets.join('\n')}\n${against}`;
}

const change = (before: number, after: number) => {
  const pct = ((after - before) / before) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%`;
};

/** `--against`: each measurement of the other revision beside this one's, medians. */
function renderAgainst(r: BenchResults): string {
  const out = [
    `Before (${r.against!.rev}, ${r.against!.commit}) and after (${r.machine.commit ?? 'this build'}), each run of one right after the other's:`,
    '',
    row(['measurement', 'cases', 'before', 'after', 'wall', 'CPU before → after', 'peak RSS before → after']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const pair = (name: string, cases: number, before: TimedPair, after: TimedPair) =>
    out.push(
      row([
        name,
        n(cases),
        ms(before.wall.median),
        ms(after.wall.median),
        change(before.wall.median, after.wall.median),
        before.cpu && after.cpu ? `${ms(before.cpu.median)} → ${ms(after.cpu.median)}` : '',
        before.rss && after.rss ? `${before.rss.median.toFixed(0)} → ${after.rss.median.toFixed(0)} MB` : '',
      ]),
    );
  for (const s of r.sizes) {
    if (s.replay && s.against?.replay) pair('replay', s.cases, s.against.replay, s.replay);
    if (s.live && s.against?.live) pair('live (simulator, 0 ms)', s.cases, s.against.live, s.live);
  }
  const l = r.latency;
  if (l?.against) {
    pair(
      `latency-bound (${l.latencyMs} ms, -j ${l.concurrency})`,
      l.cases,
      { wall: l.against },
      { wall: l.wall },
    );
  }
  return `${out.join('\n')}\n`;
}

interface TimedPair {
  wall: Spread;
  cpu?: Spread | null;
  rss?: Spread | null;
}
