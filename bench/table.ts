/** Renders the results as the Markdown tables the README carries. */
import type { Spread } from './measure.js';
import { type BenchResults, ms } from './results.js';

const n = (x: number) => x.toLocaleString('en');
const mb = (s: Spread | null | undefined) =>
  s ? `${s.median.toFixed(0)} MB (${s.min.toFixed(0)}–${s.max.toFixed(0)})` : '';
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

function timed(name: string, cases: string, s: Spread, rss?: Spread | null, extra = ''): string {
  return row([name, cases, ms(s.median), ms(s.min), ms(s.max), mb(rss), extra]);
}

/** The measurements table and the targets table. */
export function renderTables(r: BenchResults): string {
  const lines: string[] = [
    row(['measurement', 'cases', 'median', 'min', 'max', 'peak RSS median (min–max)', 'note']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  if (r.startup) {
    lines.push(timed('floor: `node -e 0`', '', r.startup.node.wall, r.startup.node.rss));
    lines.push(timed('`qeval --help`', '', r.startup.help.wall, r.startup.help.rss));
    lines.push(
      timed('`qeval validate` (one small suite)', '1', r.startup.validate.wall, r.startup.validate.rss),
    );
    lines.push(
      timed(
        'start-up: 1-case replay run',
        '1',
        r.startup.oneCase.wall,
        r.startup.oneCase.rss,
        'subtracted as "start-up aside"',
      ),
    );
  }
  for (const s of r.sizes) {
    const c = n(s.cases);
    if (s.record) {
      lines.push(
        row([
          `record (live 0 ms + cassette write)`,
          c,
          ms(s.record.wallMs),
          '',
          '',
          s.record.rssMb ? `${s.record.rssMb.toFixed(0)} MB` : '',
          `one run, ${s.form}`,
        ]),
      );
    }
    if (s.replay) {
      lines.push(
        timed('**replay**', c, s.replay.wall, s.replay.rss, `-j ${r.options.concurrency}, ${s.form}`),
      );
      lines.push(timed('replay, start-up aside', c, s.replay.aside));
    }
    if (s.nockFloor) {
      lines.push(timed('floor: nock-intercepted `fetch` loop', c, s.nockFloor.loop, null, 'in-process loop'));
      lines.push(timed('floor: nock, whole process', c, s.nockFloor.wall, s.nockFloor.rss));
    }
    if (s.live) {
      lines.push(
        timed('**live** (simulator, 0 ms)', c, s.live.wall, s.live.rss, `-j ${r.options.concurrency}`),
      );
      lines.push(timed('live, start-up aside', c, s.live.aside));
    }
    if (s.fetchFloor) {
      lines.push(
        timed('floor: bare `fetch` loop to the simulator', c, s.fetchFloor.loop, null, 'in-process loop'),
      );
      lines.push(timed('floor: fetch, whole process', c, s.fetchFloor.wall, s.fetchFloor.rss));
    }
  }
  if (r.latency) {
    const l = r.latency;
    lines.push(
      timed(
        `**latency-bound** (${l.latencyMs} ms, -j ${l.concurrency})`,
        n(l.cases),
        l.wall,
        null,
        `ideal ${ms(l.idealMs)}, efficiency ${l.efficiency.toFixed(2)} (start-up aside ${l.efficiencyAside.toFixed(2)}), max in flight ${l.maxInFlight}`,
      ),
    );
  }
  for (const rep of r.reports) {
    const what = rep.source === 'replay' ? "the replay run's" : 'fakeReport, 2 models';
    lines.push(
      timed(
        `**report.html opens** in Chromium (${what})`,
        n(rep.cases),
        rep.open,
        null,
        `\`file://\` → \`data-ready\`; ${rep.sizeMb.toFixed(1)} MB file, ${rep.rows} rows drawn`,
      ),
    );
  }
  const targets = [row(['target', 'measured', 'goal', 'met']), row(['---', '---', '---', '---'])];
  for (const t of r.targets)
    targets.push(row([t.name, t.measured, t.target, t.met === null ? '—' : t.met ? 'yes' : '**no**']));
  return `${lines.join('\n')}\n\n${targets.join('\n')}\n`;
}
