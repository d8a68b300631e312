/** The benchmark's command line: `node bench/out/build/bench/run.js [--sizes …] [--runs n] …`. */
import type { SuiteForm } from './generate.js';

export const sections = ['startup', 'replay', 'live', 'latency', 'report', 'agent'] as const;
export type Section = (typeof sections)[number];

export interface BenchOptions {
  sizes: number[];
  runs: number;
  /** `-j` of replay and live runs and of their floors. */
  concurrency: number;
  latencyMs: number;
  latencyConcurrency: number;
  /** Cases of the latency-bound runs (ideal time = cases × latency ÷ concurrency). */
  latencySize: number;
  /** Cases of the report whose open time is measured (the replay's report.html of that size). */
  reportSize: number;
  only: Set<Section>;
  /** `auto`: YAML lists up to 10,000 cases, a JSONL dataset above. */
  form: SuiteForm | 'auto';
  /** Sizes whose live runs are measured (live at 100,000 takes long; default all). */
  liveSizes: number[] | null;
  /** Measure a build of the last commit (bench/out/snap) instead of dist/. */
  snapshot: boolean;
  /** Keep suites and cassettes recorded by an earlier run of the same size and form. */
  reuse: boolean;
  /** Runs for sizes above 10,000 (default: `runs`). */
  largeRuns: number | null;
  /** A revision to measure beside this one (replay, live, latency-bound), run for run. */
  against: string | null;
}

export const usage = `usage: npm run bench -- [options]
  --sizes <list>        case counts (default 1000,10000,100000)
  --runs <n>            runs per measurement; medians with min and max (default 5)
  -j, --concurrency <n> concurrency of replay/live runs and their floors (default 8)
  --latency-ms <n>      simulated latency of the latency-bound runs (default 100)
  --latency-j <n>       concurrency of the latency-bound runs (default 16)
  --latency-size <n>    cases of the latency-bound runs (default 1000)
  --report-size <n>     cases of the report opened in Chromium (default 10000)
  --live-sizes <list>   sizes measured live (default: all of --sizes)
  --only <list>         any of ${sections.join(',')} (default all)
  --form <f>            yaml | dataset | auto (default auto: dataset above 10,000 cases)
  --large-runs <n>      runs for sizes above 10,000 (default: --runs)
  --reuse               keep the suites and cassettes an earlier bench recorded (skips recording)
  --snapshot            measure a build of the last commit (git archive HEAD → bench/out/snap), not dist/
  --against <rev>       also measure a build of <rev> (e.g. main~3), each of its runs right after this
                        build's, and print a before/after table
`;

function intList(raw: string, name: string): number[] {
  const out = raw.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (out.length === 0 || out.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`${name} wants positive integers, got "${raw}"`);
  }
  return out;
}

function int(raw: string | undefined, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} wants a positive integer, got "${raw}"`);
  return n;
}

/** Parses argv (without node and the script). Throws with a message on bad input. */
export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const o: BenchOptions = {
    sizes: [1000, 10_000, 100_000],
    runs: 5,
    concurrency: 8,
    latencyMs: 100,
    latencyConcurrency: 16,
    latencySize: 1000,
    reportSize: 10_000,
    only: new Set(sections),
    form: 'auto',
    liveSizes: null,
    snapshot: false,
    reuse: false,
    largeRuns: null,
    against: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=')
      ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
      : [flag, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '--sizes':
        o.sizes = intList(value() ?? '', name);
        break;
      case '--runs':
        o.runs = int(value(), name);
        break;
      case '-j':
      case '--concurrency':
        o.concurrency = int(value(), name);
        break;
      case '--latency-ms':
        o.latencyMs = int(value(), name);
        break;
      case '--latency-j':
        o.latencyConcurrency = int(value(), name);
        break;
      case '--latency-size':
        o.latencySize = int(value(), name);
        break;
      case '--report-size':
        o.reportSize = int(value(), name);
        break;
      case '--live-sizes':
        o.liveSizes = intList(value() ?? '', name);
        break;
      case '--reuse':
        o.reuse = true;
        break;
      case '--large-runs':
        o.largeRuns = int(value(), name);
        break;
      case '--snapshot':
        o.snapshot = true;
        break;
      case '--against': {
        const rev = value();
        if (!rev) throw new Error('--against wants a git revision, e.g. --against main~3');
        o.against = rev;
        break;
      }
      case '--only': {
        const list = (value() ?? '').split(',').map((s) => s.trim());
        const bad = list.filter((s) => !(sections as readonly string[]).includes(s));
        if (bad.length)
          throw new Error(`--only: unknown section ${bad.join(', ')}; choose from ${sections.join(', ')}`);
        o.only = new Set(list as Section[]);
        break;
      }
      case '--form': {
        const f = value();
        if (f !== 'yaml' && f !== 'dataset' && f !== 'auto')
          throw new Error(`--form wants yaml, dataset or auto, got "${f}"`);
        o.form = f;
        break;
      }
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return o;
}

/** The suite form for a size. */
export function formFor(o: BenchOptions, cases: number): SuiteForm {
  if (o.form !== 'auto') return o.form;
  return cases > 10_000 ? 'dataset' : 'yaml';
}
