/**
 * `npm run bench`: generates suites of 1,000 / 10,000 / 100,000 cases, records them against the
 * loopback simulator, then measures replay, live, latency-bound runs, start-up and the HTML
 * report's open time — medians of `--runs` with min and max — next to the floors (a bare
 * nock-intercepted `fetch` loop; a bare `fetch` loop to the same simulator). Writes a table to
 * stdout and everything to `bench/out/results.json`. Only 127.0.0.1 is ever contacted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '../test/utils/simulator.js';
import { agentReply, measureAgent } from './agent.js';
import {
  answerFor,
  type GeneratedSize,
  generateSmallSuite,
  generateSuites,
  suiteDirFor,
} from './generate.js';
import { repeat, spread, timeProcess } from './measure.js';
import { type BenchOptions, formFor, parseOptions, usage } from './options.js';
import {
  CLOSED_BASE_URL,
  childEnv,
  expectComplete,
  type Paths,
  type QevalRun,
  qevalArgv,
  runFloor,
  runQeval,
} from './procs.js';
import { floorReply } from './reply.js';
import { measureReportOpen, writeFakeReport } from './report-open.js';
import {
  type BenchResults,
  evaluateTargets,
  ms,
  type ReportOpen,
  type SizeResult,
  type TimedSpread,
} from './results.js';
import { buildSnapshot } from './snapshot.js';
import { renderTables } from './table.js';

function locate(): Paths {
  const buildDir = dirname(fileURLToPath(import.meta.url));
  // Compiled to <root>/bench/out/build/bench/run.js.
  let root = resolve(buildDir, '../../../..');
  if (!existsSync(join(root, 'bin', 'qeval.js'))) root = process.cwd();
  return { root, buildDir, out: join(root, 'bench', 'out'), bin: join(root, 'bin', 'qeval.js') };
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function simulator(latencyMs: number): Promise<Simulator> {
  return startSimulator({
    latencyMs,
    respond: (body) => {
      if (Array.isArray(body.tools)) return agentReply(body);
      const user = [...body.messages].reverse().find((m) => m.role === 'user');
      const prompt = typeof user?.content === 'string' ? user.content : '';
      const content = answerFor(prompt);
      return {
        content,
        finish_reason: 'stop',
        usage: {
          prompt_tokens: Math.ceil(prompt.length / 3),
          completion_tokens: Math.ceil(content.length / 3),
        },
      };
    },
  });
}

/** The simulator keeps every request's headers and body; a long live run should not. */
function forget(sim: Simulator): void {
  sim.stats.bodies.length = 0;
  sim.stats.headers.length = 0;
  sim.stats.maxInFlight = 0;
}

function timedSpread(
  runs: Array<{ wallMs: number; rssMb: number | null; cpuMs: number | null }>,
): TimedSpread {
  const rss = runs.map((r) => r.rssMb).filter((x): x is number => x !== null);
  const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== null);
  return {
    wall: spread(runs.map((r) => r.wallMs)),
    rss: rss.length ? spread(rss) : null,
    cpu: cpu.length ? spread(cpu) : null,
  };
}

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function measureStartup(p: Paths, o: BenchOptions, small: GeneratedSize, sim: Simulator) {
  const env = childEnv();
  log('start-up: qeval --help, validate, 1-case replay');
  const bare = await repeat(Math.max(o.runs, 5), () =>
    timeProcess([process.execPath, '-e', '0'], { cwd: p.root, env }),
  );
  const help = await repeat(Math.max(o.runs, 5), () =>
    timeProcess(qevalArgv(p, ['--help']), { cwd: p.root, env }),
  );
  const validate = await repeat(o.runs, () =>
    timeProcess(qevalArgv(p, ['validate', small.dir]), { cwd: p.root, env }),
  );
  if (validate.some((r) => r.code !== 0))
    throw new Error(`qeval validate failed:\n${validate[0]?.stdout}\n${validate[0]?.stderr}`);
  const runsDir = join(p.out, 'runs');
  const rec = await runQeval(p, {
    suiteDir: small.dir,
    mode: 'record',
    baseUrl: sim.url,
    concurrency: o.concurrency,
    outDir: join(runsDir, 'small-record'),
  });
  expectComplete('record of the small suite', rec, 1);
  const oneCase = await repeat(o.runs, async () => {
    const r = await runQeval(p, {
      suiteDir: small.dir,
      mode: 'replay',
      baseUrl: CLOSED_BASE_URL,
      concurrency: o.concurrency,
      outDir: join(runsDir, 'small-replay'),
    });
    expectComplete('1-case replay', r, 1);
    return r;
  });
  return {
    node: timedSpread(bare),
    help: timedSpread(help),
    validate: timedSpread(validate),
    oneCase: timedSpread(oneCase),
    asideBasis: 'median wall time of a 1-case replay run',
  };
}

async function measureSize(
  p: Paths,
  o: BenchOptions,
  cases: number,
  sim: Simulator,
  startupMs: number,
  /** A size measured only to get its report.html. */
  reportOnly: boolean,
  /** `--against`: the other build, each of its runs right after this one's. */
  before: Paths | null,
): Promise<{ result: SizeResult; suite: GeneratedSize; reportHtml: string | null }> {
  const form = formFor(o, cases);
  const runsDir = join(p.out, 'runs');
  const runs = cases > 10_000 ? (o.largeRuns ?? o.runs) : o.runs;
  const result: SizeResult = { cases, form };
  let reportHtml: string | null = null;
  const wantReplay = o.only.has('replay') || (o.only.has('report') && o.reportSize === cases);
  const marker = join(suiteDirFor(join(p.out, 'suites'), cases, form), 'recorded.json');
  const reused = o.reuse && wantReplay && existsSync(marker);
  let suite: GeneratedSize;
  if (reused) {
    suite = { cases, form, dir: dirname(marker), files: [] };
    const rec = JSON.parse(await readFile(marker, 'utf8')) as NonNullable<SizeResult['record']>;
    result.record = { ...rec, reused: true };
    log(`${cases} cases: reusing the suites and cassettes recorded at ${rec.at}`);
  } else {
    log(`${cases} cases: generating (${form})`);
    suite = await generateSuites(join(p.out, 'suites'), cases, form);
  }
  const recordNow = async () => {
    log(`${cases} cases: recording against the simulator`);
    forget(sim);
    const rec = await runQeval(p, {
      suiteDir: suite.dir,
      mode: 'record',
      baseUrl: sim.url,
      concurrency: o.concurrency,
      outDir: join(runsDir, 'record'),
    });
    expectComplete(`record ${cases}`, rec, cases);
    result.record = { wallMs: rec.wallMs, rssMb: rec.rssMb, cpuMs: rec.cpuMs, at: new Date().toISOString() };
    await writeFile(marker, `${JSON.stringify(result.record, null, 2)}\n`);
    log(`  record: ${ms(rec.wallMs)} (cpu ${ms(rec.cpuMs ?? Number.NaN)}), ${rec.rssMb?.toFixed(0)} MB`);
    forget(sim);
  };
  if (wantReplay && !reused) await recordNow();
  if (o.only.has('replay') && !reportOnly) {
    const replyFile = join(p.out, `floor-reply-${cases}.json`);
    const reply = await floorReply(suite.dir, replyFile);
    log(`${cases} cases: replay ×${runs} and nock floor ×${runs} (reply from ${reply.source})`);
    const replayOnce = (build: Paths) =>
      runQeval(build, {
        suiteDir: suite.dir,
        mode: 'replay',
        baseUrl: CLOSED_BASE_URL,
        concurrency: o.concurrency,
        outDir: join(runsDir, 'replay'),
      });
    const beforeReplays: QevalRun[] = [];
    const replays = await repeat(runs, async (i) => {
      let r = await replayOnce(p);
      if (i === 0 && reused && (r.code !== 0 || r.results !== cases)) {
        // Cassettes from an older qeval no longer replay: record them again, once.
        log(`  the reused recording does not replay (exit ${r.code}, ${r.results} cases): recording again`);
        await recordNow();
        r = await replayOnce(p);
      }
      expectComplete(`replay ${cases}`, r, cases);
      log(
        `  replay #${i + 1}: ${ms(r.wallMs)} (cpu ${ms(r.cpuMs ?? Number.NaN)}), ${r.rssMb?.toFixed(0)} MB`,
      );
      if (before) {
        const b = await replayOnce(before);
        expectComplete(`replay ${cases} (--against)`, b, cases);
        log(
          `  replay #${i + 1} --against: ${ms(b.wallMs)} (cpu ${ms(b.cpuMs ?? Number.NaN)}), ${b.rssMb?.toFixed(0)} MB`,
        );
        beforeReplays.push(b);
      }
      return r;
    });
    if (before) result.against = { ...result.against, replay: timedSpread(beforeReplays) };
    const floors = await repeat(runs, async (i) => {
      const f = await runFloor(p, 'nock', cases, o.concurrency, replyFile);
      log(`  nock floor #${i + 1}: loop ${ms(f.loopMs)}, process ${ms(f.wallMs)}`);
      return f;
    });
    result.replay = { ...timedSpread(replays), aside: spread(replays.map((r) => r.wallMs - startupMs)) };
    result.nockFloor = { loop: spread(floors.map((f) => f.loopMs)), ...timedSpread(floors) };
  }
  if (o.only.has('report') && o.reportSize === cases) {
    reportHtml = join(p.out, `report-${cases}.html`);
    const src = join(runsDir, 'replay', 'report.html');
    if (!existsSync(src)) {
      const r = await runQeval(p, {
        suiteDir: suite.dir,
        mode: 'replay',
        baseUrl: CLOSED_BASE_URL,
        concurrency: o.concurrency,
        outDir: join(runsDir, 'replay'),
      });
      expectComplete(`replay ${cases} (for the report)`, r, cases);
    }
    await copyFile(src, reportHtml);
  }
  const live = !reportOnly && o.only.has('live') && (o.liveSizes === null || o.liveSizes.includes(cases));
  if (live) {
    log(`${cases} cases: live ×${runs} and fetch floor ×${runs}`);
    const liveOnce = async (build: Paths, label: string) => {
      forget(sim);
      const r = await runQeval(build, {
        suiteDir: suite.dir,
        mode: 'live',
        baseUrl: sim.url,
        concurrency: o.concurrency,
        outDir: join(runsDir, 'live'),
      });
      expectComplete(`live ${cases}${label}`, r, cases);
      return r;
    };
    const beforeLives: QevalRun[] = [];
    const lives = await repeat(runs, async (i) => {
      const r = await liveOnce(p, '');
      log(
        `  live #${i + 1}: ${ms(r.wallMs)} (cpu ${ms(r.cpuMs ?? Number.NaN)}), ${r.rssMb?.toFixed(0)} MB, max in flight ${sim.stats.maxInFlight}`,
      );
      if (before) {
        const b = await liveOnce(before, ' (--against)');
        log(
          `  live #${i + 1} --against: ${ms(b.wallMs)} (cpu ${ms(b.cpuMs ?? Number.NaN)}), ${b.rssMb?.toFixed(0)} MB`,
        );
        beforeLives.push(b);
      }
      return r;
    });
    if (before) result.against = { ...result.against, live: timedSpread(beforeLives) };
    const floors = await repeat(runs, async (i) => {
      forget(sim);
      const f = await runFloor(p, 'fetch', cases, o.concurrency, sim.url);
      log(`  fetch floor #${i + 1}: loop ${ms(f.loopMs)}, process ${ms(f.wallMs)}`);
      return f;
    });
    forget(sim);
    result.live = { ...timedSpread(lives), aside: spread(lives.map((r) => r.wallMs - startupMs)) };
    result.fetchFloor = { loop: spread(floors.map((f) => f.loopMs)), ...timedSpread(floors) };
  }
  await rm(runsDir, { recursive: true, force: true });
  return { result, suite, reportHtml };
}

async function measureLatency(
  p: Paths,
  o: BenchOptions,
  startupMs: number,
  before: Paths | null,
): Promise<BenchResults['latency']> {
  const cases = o.latencySize;
  // Its own folder: regenerating the same size for replay would drop that size's recorded cassettes.
  const suite = await generateSuites(join(p.out, 'latency-suites'), cases, formFor(o, cases));
  const sim = await simulator(o.latencyMs);
  try {
    const idealMs = (cases * o.latencyMs) / o.latencyConcurrency;
    log(
      `latency-bound: ${cases} cases, ${o.latencyMs} ms, -j ${o.latencyConcurrency} ×${o.runs} (ideal ${ms(idealMs)})`,
    );
    let maxInFlight = 0;
    const latencyOnce = async (build: Paths, label: string) => {
      forget(sim);
      const r = await runQeval(build, {
        suiteDir: suite.dir,
        mode: 'live',
        baseUrl: sim.url,
        concurrency: o.latencyConcurrency,
        outDir: join(p.out, 'runs', 'latency'),
      });
      expectComplete(`latency-bound ${cases}${label}`, r, cases);
      return r;
    };
    const beforeRuns: QevalRun[] = [];
    const runs = await repeat(o.runs, async (i) => {
      const r = await latencyOnce(p, '');
      maxInFlight = Math.max(maxInFlight, sim.stats.maxInFlight);
      log(`  latency #${i + 1}: ${ms(r.wallMs)}, max in flight ${sim.stats.maxInFlight}`);
      if (before) {
        const b = await latencyOnce(before, ' (--against)');
        log(`  latency #${i + 1} --against: ${ms(b.wallMs)}`);
        beforeRuns.push(b);
      }
      return r;
    });
    const floors = await repeat(o.runs, async (i) => {
      forget(sim);
      const f = await runFloor(p, 'fetch', cases, o.latencyConcurrency, sim.url);
      log(`  latency floor (bare fetch) #${i + 1}: loop ${ms(f.loopMs)}`);
      return f;
    });
    const wall = spread(runs.map((r) => r.wallMs));
    const aside = spread(runs.map((r) => r.wallMs - startupMs));
    const floor = spread(floors.map((f) => f.loopMs));
    return {
      floor,
      floorEfficiency: idealMs / floor.median,
      cases,
      latencyMs: o.latencyMs,
      concurrency: o.latencyConcurrency,
      idealMs,
      wall,
      aside,
      efficiency: idealMs / wall.median,
      efficiencyAside: idealMs / aside.median,
      maxInFlight,
      ...(before ? { against: spread(beforeRuns.map((r) => r.wallMs)) } : {}),
    };
  } finally {
    await sim.close();
    await rm(join(p.out, 'runs'), { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let o: BenchOptions | 'help';
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  const p = locate();
  if (!existsSync(join(p.root, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('bench: dist/ is missing; run `npm run build` first (npm run bench does)\n');
    return 2;
  }
  await mkdir(p.out, { recursive: true });
  const results: BenchResults = {
    machine: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memMb: Math.round(totalmem() / 2 ** 20),
      date: new Date().toISOString(),
      commit: gitCommit(p.root),
    },
    options: { ...o, only: [...o.only] },
    startup: null,
    sizes: [],
    latency: null,
    reports: [],
    targets: [],
    notes: [
      'Wall times are whole `node bin/qeval.js run …` processes (spawn to exit); peak RSS is GNU time %M.',
      '"Start-up aside" subtracts the median wall time of a 1-case replay run of a one-test suite.',
      'Floors: the nock loop and the fetch loop are timed inside their process (no start-up, no module load).',
      'Suites: 12 suite files per size (one per language: zh en ar es fr de ru ja ko hi pt vi), models [qwen-max], assertions contains ("{{code}}"), regex, length (graphemes).',
      'Agent: the same 12 languages, each case a tool loop of 3 model calls (get_weather, get_time, the answer) over table mocks, assertions tool-calls and contains; its size is the first of --sizes.',
    ],
  };

  if (o.snapshot) {
    const snap = await buildSnapshot(p.root, p.out);
    p.bin = snap.bin;
    results.machine.commit = `${snap.commit} (snapshot of HEAD)`;
    log(`measuring a snapshot of HEAD (${snap.commit}): ${p.bin}`);
  }
  let before: Paths | null = null;
  if (o.against) {
    const snap = await buildSnapshot(p.root, p.out, o.against, 'snap-against');
    before = { ...p, bin: snap.bin };
    results.against = { rev: o.against, commit: snap.commit };
    log(`measuring ${o.against} (${snap.commit}) beside it: ${snap.bin}`);
  }
  const sim = await simulator(0);
  let reportHtml: string | null = null;
  try {
    const small = await generateSmallSuite(join(p.out, 'suites'));
    results.startup = await measureStartup(p, o, small, sim);
    const startupMs = results.startup.oneCase.wall.median;
    log(`start-up (1-case replay) median ${ms(startupMs)}; --help ${ms(results.startup.help.wall.median)}`);
    if (o.only.has('agent')) {
      const cpuMs = results.startup.oneCase.cpu?.median ?? null;
      results.agent = await measureAgent(p, o, sim, { wallMs: startupMs, cpuMs }, log);
      await writeFile(join(p.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    }
    const sizes = [...o.sizes];
    if (o.only.has('report') && !sizes.includes(o.reportSize)) sizes.push(o.reportSize);
    const bySize = o.only.has('replay') || o.only.has('live') || o.only.has('report');
    for (const cases of bySize ? sizes.sort((a, b) => a - b) : []) {
      const measured = await measureSize(p, o, cases, sim, startupMs, !o.sizes.includes(cases), before);
      if (measured.reportHtml) reportHtml = measured.reportHtml;
      if (o.sizes.includes(cases)) results.sizes.push(measured.result);
      await writeFile(join(p.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    }
    await sim.close();
    if (o.only.has('latency')) results.latency = await measureLatency(p, o, startupMs, before);
  } finally {
    await sim.close().catch(() => undefined);
  }

  if (o.only.has('report')) {
    const files: Array<[ReportOpen['source'], string | null]> = [
      ['replay', reportHtml],
      ['fake', await writeFakeReport(dirname(dirname(p.bin)), join(p.out, 'report-fake'), o.reportSize)],
    ];
    for (const [source, file] of files) {
      if (!file) continue;
      log(`report: opening ${file} ×${o.runs} in Chromium`);
      const opens = await measureReportOpen(file, o.runs);
      const pages = opens.map((x) => x.pageMs).filter((x): x is number => x !== null);
      results.reports.push({
        source,
        cases: o.reportSize,
        file,
        sizeMb: (await stat(file)).size / 2 ** 20,
        open: spread(opens.map((x) => x.wallMs)),
        page: pages.length ? spread(pages) : null,
        rows: opens[0]?.rows ?? 0,
      });
    }
  }

  results.targets = evaluateTargets(results);
  await writeFile(join(p.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\nqeval benchmark — ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memMb} MB, Node ${results.machine.node}, commit ${results.machine.commit ?? '?'}\n` +
      `medians of ${o.runs} runs (min, max); -j ${o.concurrency}\n\n${renderTables(results)}\n` +
      `Reproduce: npm run bench -- ${process.argv.slice(2).join(' ')}\nFull results: ${join(p.out, 'results.json')}\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
