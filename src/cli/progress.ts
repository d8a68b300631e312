/**
 * Turns run events into terminal progress: a live bar on a TTY (cli-progress), one plain line
 * every few seconds elsewhere (CI logs), nothing with --quiet. Only the CLI prints.
 */
import type { RunEvent } from '../index.js';
import { write } from './terminal.js';

export interface ProgressOptions {
  tty: boolean;
  enabled: boolean;
  quiet: boolean;
  /** Plain-line interval outside a TTY. */
  intervalMs?: number;
  out?: NodeJS.WriteStream;
}

interface Counts {
  total: number;
  done: number;
  pass: number;
  fail: number;
  error: number;
  skipped: number;
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

/** Creates a progress listener; `stop()` clears the bar before the summary prints. */
export async function createProgress(
  options: ProgressOptions,
): Promise<{ onEvent: (e: RunEvent) => void; stop: () => void }> {
  const out = options.out ?? process.stderr;
  const counts: Counts = { total: 0, done: 0, pass: 0, fail: 0, error: 0, skipped: 0 };
  const warnings: string[] = [];
  let waiting = '';
  let waitingUntil = 0;
  const start = Date.now();

  const rate = () => counts.done / Math.max(0.001, (Date.now() - start) / 1000);
  // No estimate before the first case finishes.
  const eta = () => (counts.done === 0 ? Number.POSITIVE_INFINITY : (counts.total - counts.done) / rate());
  const statusText = () => (waiting && Date.now() < waitingUntil ? `  ${waiting}` : '');

  if (options.quiet || !options.enabled) {
    return {
      onEvent: (e) => {
        if (e.type === 'warning' && !options.quiet) write(out, `${e.message}\n`);
        if (e.type === 'stopped') write(out, `qeval: ${e.reason}\n`);
      },
      stop: () => {},
    };
  }

  if (options.tty) {
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      {
        format: '{bar} {value}/{total} | ✓ {pass} ✗ {fail} ! {error} | {rate}/s | ETA {eta_h}{status}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        stream: out,
        fps: 8,
      },
      cliProgress.Presets.shades_classic,
    );
    const payload = () => ({
      pass: counts.pass,
      fail: counts.fail,
      error: counts.error,
      rate: rate().toFixed(1),
      eta_h: fmtSeconds(eta()),
      status: statusText(),
    });
    return {
      onEvent: (e) => {
        switch (e.type) {
          case 'run-start':
            counts.total = e.total;
            bar.start(e.total, 0, payload());
            break;
          case 'case-result':
            count(counts, e.result.status);
            bar.update(counts.done, payload());
            break;
          case 'retry':
          case 'rate-limited':
            waiting = `waiting: ${e.type === 'rate-limited' ? 'rate limited' : e.reason}, retry in ${Math.ceil(e.delay_ms / 1000)} s`;
            waitingUntil = Date.now() + e.delay_ms;
            bar.update(counts.done, payload());
            break;
          case 'warning':
            warnings.push(e.message);
            break;
          case 'interrupted':
            waiting = 'stopping: waiting for calls in flight (Ctrl-C again to quit now)';
            waitingUntil = Number.POSITIVE_INFINITY;
            bar.update(counts.done, payload());
            break;
          case 'stopped':
            bar.stop();
            write(out, `qeval: ${e.reason}\n`);
            break;
          default:
            break;
        }
      },
      stop: () => {
        bar.stop();
        for (const w of warnings) write(out, `${w}\n`);
      },
    };
  }

  // Not a TTY: a plain line every few seconds, and one at the end.
  const intervalMs = options.intervalMs ?? 5000;
  const line = () => {
    const pct = counts.total ? Math.floor((counts.done / counts.total) * 100) : 100;
    write(
      out,
      `progress ${counts.done}/${counts.total} (${pct}%) pass ${counts.pass} fail ${counts.fail} error ${counts.error} | ${rate().toFixed(1)}/s | ETA ${fmtSeconds(eta())}${statusText()}\n`,
    );
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    onEvent: (e) => {
      switch (e.type) {
        case 'run-start':
          counts.total = e.total;
          write(out, `qeval: ${e.total} cases, mode ${e.mode}, models ${e.models.join(', ')}\n`);
          timer = setInterval(line, intervalMs);
          timer.unref();
          break;
        case 'case-result':
          count(counts, e.result.status);
          break;
        case 'retry':
        case 'rate-limited':
          waiting = `waiting: ${e.type === 'rate-limited' ? 'rate limited' : e.reason}, retry in ${Math.ceil(e.delay_ms / 1000)} s`;
          waitingUntil = Date.now() + e.delay_ms;
          break;
        case 'warning':
          write(out, `${e.message}\n`);
          break;
        case 'interrupted':
          write(out, 'qeval: interrupted; waiting for calls in flight (Ctrl-C again to quit now)\n');
          break;
        case 'stopped':
          write(out, `qeval: ${e.reason}\n`);
          break;
        case 'run-end':
          if (timer) clearInterval(timer);
          line();
          break;
        default:
          break;
      }
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

function count(c: Counts, status: string): void {
  c.done++;
  if (status === 'pass') c.pass++;
  else if (status === 'fail') c.fail++;
  else if (status === 'error') c.error++;
  else c.skipped++;
}
