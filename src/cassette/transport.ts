/**
 * A run's cassettes as a transport: opens the suites' cassette files, and for each attempt the
 * policy (policy.ts) decides from the mode and the entry whether it is replayed, recorded, or a
 * miss. A replayed entry is served at the HTTP layer by nock's interceptor (replay.ts); a miss
 * never reaches HTTP, it is a typed reply with the nearest recording's diff. Recordings are
 * written on close.
 *
 * nock (and with it replay.ts) is imported only by replay and auto: importing nock activates its
 * interceptors for the whole process, and record would pay for them on every request.
 */
import { InputError } from '../errors.js';
import { fetchTransport, type Transport, type TransportRequest } from '../provider/transport.js';
import { requestKey } from './key.js';
import { CassetteLibrary } from './library.js';
import { type CassetteMode, decide } from './policy.js';
import { recordResponse } from './recorder.js';

export interface CassetteOptions {
  mode: Exclude<CassetteMode, 'live'>;
  /** Each suite's cassette: `<dir of file>/__cassettes__/<safe name>.json`. */
  suites: Array<{ name: string; file: string }>;
  /** `--cassettes`: all cassette files in this one directory instead. */
  dir?: string;
  maxAgeDays?: number;
  /** Scrubbed from anything stored. */
  apiKey?: string;
  baseUrl: string;
  /** Provenance written into cassettes this session records, e.g. recorded against the simulator. */
  note?: string;
  /** How a miss says to record (default: the `qeval run --mode record --filter` line); the vitest matchers say theirs. */
  rerecordHint?: string;
  /** Clock for `--max-age` and tests. */
  now?: () => number;
  /**
   * `--affected`: a request with no recording goes to the gateway instead of being a miss (in
   * replay mode it is not stored; auto records it anyway).
   */
  affected?: boolean;
}

export interface CassetteTransport extends Transport {
  /** Entries looked up / recorded so far, for the summary. */
  stats(): { hits: number; misses: number; recorded: number };
  /** Whether a recording exists for this request (what `--affected` counts before the run). */
  has(request: TransportRequest['request'], sample: number, suite: string | undefined): boolean;
  /** Paths of the cassette files written by close(). */
  written(): string[];
}

/** The note of cassettes recorded against test/utils/simulator.ts. */
export const simulatorNote = "Recorded against qeval's loopback simulator, not the real API";

// One replaying transport per origin: two interceptors on one origin would answer for each other.
const replaying = new Set<string>();

/** Opens the cassettes of a run. An invalid cassette file is a CassetteFileError (exit 2) naming it. */
export async function openCassettes(options: CassetteOptions): Promise<CassetteTransport> {
  const { mode, apiKey, maxAgeDays, affected = false } = options;
  const now = options.now ?? Date.now;
  const counts = { hits: 0, misses: 0, recorded: 0 };
  const lib = await CassetteLibrary.load(options.suites, {
    dir: options.dir,
    read: true,
    ...(options.note === undefined ? {} : { note: options.note }),
  });
  const network = fetchTransport();
  const origin = new URL(options.baseUrl).origin;

  let replay: typeof import('./replay.js') | undefined;
  let removeInterceptor: (() => void) | undefined;
  if (mode !== 'record') {
    if (replaying.has(origin)) {
      throw new InputError(
        `a cassette session for ${origin} is already open in this process; close it before opening another`,
        'E_CASSETTE_BUSY',
      );
    }
    replay = await import('./replay.js');
    replaying.add(origin);
    removeInterceptor = replay.installInterceptor(origin, { passUnserved: mode === 'auto' || affected });
  }

  const record = async (
    call: TransportRequest,
    key: string,
  ): Promise<Awaited<ReturnType<Transport['send']>>> => {
    const started = performance.now();
    const sent = await network.send(call);
    if (sent.type !== 'response') return sent;
    const taken = recordResponse(sent.response, started, {
      key,
      request: call.request,
      ctx: call.context,
      apiKey,
      store: (entry) => {
        lib.put(entry, call.context.suite);
        counts.recorded++;
      },
    });
    // The attempt ends its timer once it has read the body; if recording failed first, end it here.
    taken.catch(() => sent.finish?.(true));
    const { response, recorded } = await taken;
    const reply: Awaited<ReturnType<Transport['send']>> = { type: 'response', response, replayed: false };
    if (recorded) reply.recorded = recorded;
    if (sent.finish) reply.finish = sent.finish;
    return reply;
  };

  let written: string[] = [];
  let closing: Promise<void> | undefined;
  return {
    async send(call) {
      const key = requestKey(call.request, call.context.sample, call.context.regrade);
      const entry = lib.lookup(key, call.context.suite);
      const decision = decide(mode, entry, maxAgeDays, now());
      if (decision === 'replay' && entry && replay) {
        counts.hits++;
        // Neither a timer nor the signal goes to fetch: the answer is made in-process, there is no
        // connection to cut, and undici keeps a signal it is given reachable until a full
        // collection. Ctrl-C still ends the wait.
        const { url, headers, body } = call;
        const response = await untilAborted(
          replay.serveFrom(entry, () => globalThis.fetch(url, { method: 'POST', headers, body })),
          call.signal,
        );
        const ttftMs = entry.response.chunks ? replay.firstContentAt(entry.response.chunks) : null;
        return {
          type: 'response',
          response,
          replayed: true,
          recorded: { durationMs: entry.duration_ms, ttftMs },
        };
      }
      // Auto without a key: what is missing stays a miss that says so, instead of a 401 per case.
      if (decision === 'record' && (apiKey || mode === 'record')) return record(call, key);
      if (decision === 'miss' && affected) return network.send(call);
      counts.misses++;
      if (decision === 'record') {
        return {
          type: 'cassette-miss',
          reason: 'missing',
          message: `${replay!.missMessage(lib, call.request, call.context, undefined)}; --mode auto records it only with a key: set AIMLAPI_KEY`,
        };
      }
      const expired = decision === 'expired' && entry ? { entry, maxAgeDays: maxAgeDays ?? 0 } : undefined;
      return {
        type: 'cassette-miss',
        reason: expired ? 'expired' : 'missing',
        message: replay!.missMessage(lib, call.request, call.context, expired, options.rerecordHint),
      };
    },
    stats: () => ({ ...counts }),
    has: (request, sample, suite) => lib.lookup(requestKey(request, sample), suite) !== undefined,
    written: () => [...written],
    close() {
      closing ??= (async () => {
        if (removeInterceptor) {
          removeInterceptor();
          replaying.delete(origin);
        }
        if (mode === 'record' || mode === 'auto') written = await lib.save(apiKey);
      })();
      return closing;
    },
  };
}

/** `work`, or a rejection with the signal's reason if the signal aborts first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
