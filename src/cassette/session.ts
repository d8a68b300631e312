/**
 * A run's cassettes: opens the suites' files, installs the replay interceptor or the recording
 * fetch according to the mode, and writes what was recorded on close.
 *
 * How a request finds its entry: the client sends the sample, suite, purpose and case id as
 * `x-qeval-*` headers (provider/wire-headers.ts). In replay, nock's single interceptor reads
 * them with the JSON body and computes the key there, at the HTTP layer. In auto, the session's
 * fetch computes the key first: a hit is sent to the interceptor with the key in a header, a miss
 * goes to the network (the interceptor lets requests without that header through) and is
 * recorded. In record and live the session's fetch talks to the network and strips the headers.
 *
 * nock (and with it the replay modules) is imported only by replay and auto: importing nock
 * activates its interceptors for the whole process, and live and record would pay for them on
 * every request.
 */
import { createRequire } from 'node:module';
import { ContextHeader, stripContextHeaders } from '../provider/wire-headers.js';
import { type CallContext, parseRequest, readContext } from './context.js';
import { requestKey } from './key.js';
import { CassetteLibrary } from './library.js';
import { decide } from './policy.js';
import { fetchAndRecord } from './recorder.js';

export interface CassetteOptions {
  mode: 'replay' | 'record' | 'auto' | 'live';
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
  /** Clock for `--max-age` and tests. */
  now?: () => number;
}

export interface CassetteSession {
  /** The fetch to hand createClient. */
  fetch: typeof fetch;
  /** Entries looked up / recorded so far, for the summary. */
  stats(): { hits: number; misses: number; recorded: number };
  /** Writes recorded cassettes, removes the interceptor, restores nock's net-connect state. Idempotent. */
  close(): Promise<void>;
  /** Paths of the cassette files written by close(). */
  written(): string[];
}

// net-connect.ts remembers nock's setting from the moment it is loaded. When the process already
// loaded nock (a test, a library user), load it now, so that a setting made before the first
// replay is the one close() puts back. (A process that loads nock only after this module and sets
// it before its first replay gets nock's default back: nock has no getter to ask.)
if (nockLoaded()) await import('./net-connect.js');

function nockLoaded(): boolean {
  try {
    const require = createRequire(import.meta.url);
    return require.cache[require.resolve('nock')] !== undefined;
  } catch {
    return false;
  }
}

/** The note of cassettes recorded against test/utils/simulator.ts. */
export const simulatorNote = "Recorded against qeval's loopback simulator, not the real API";

// One replaying session per origin: two interceptors on one origin would answer for each other.
const replaying = new Set<string>();

/** Opens the cassettes of a run. An invalid cassette file is a CassetteFileError (exit 2) naming it. */
export async function openCassettes(options: CassetteOptions): Promise<CassetteSession> {
  const { mode, apiKey } = options;
  const now = options.now ?? Date.now;
  const counts = { hits: 0, misses: 0, recorded: 0 };
  const noteOption = options.note === undefined ? {} : { note: options.note };
  const lib =
    mode === 'live'
      ? await CassetteLibrary.load([], { read: false })
      : await CassetteLibrary.load(options.suites, { dir: options.dir, read: true, ...noteOption });
  const origin = new URL(options.baseUrl).origin;
  let removeInterceptor: (() => void) | undefined;
  let restoreNet: (() => void) | undefined;
  let written: string[] = [];

  const record = (
    input: RequestInfo | URL,
    init: RequestInit,
    key: string,
    request: Parameters<typeof requestKey>[0],
    ctx: CallContext,
  ) =>
    fetchAndRecord(input, init, {
      key,
      request,
      ctx,
      apiKey,
      store: (entry) => {
        lib.put(entry, ctx.suite);
        counts.recorded++;
      },
    });
  const passOn = (input: RequestInfo | URL, init: RequestInit) =>
    globalThis.fetch(input, { ...init, headers: stripContextHeaders(init.headers) });

  let sessionFetch: typeof fetch;
  switch (mode) {
    case 'replay': {
      claim(origin);
      const [{ installInterceptor, responder }, { netConnectState, restoreNetConnect, disableNetConnect }] =
        await Promise.all([import('./replay.js'), import('./net-connect.js')]);
      const saved = netConnectState();
      restoreNet = () => restoreNetConnect(saved);
      removeInterceptor = installInterceptor(
        options.baseUrl,
        responder(lib, { maxAgeDays: options.maxAgeDays, now, counts }),
        {},
      );
      // Replay opens no connection at all: anything not answered by the interceptor fails.
      disableNetConnect();
      sessionFetch = withoutSignal;
      break;
    }
    case 'auto': {
      claim(origin);
      const { installInterceptor, responder } = await import('./replay.js');
      removeInterceptor = installInterceptor(
        options.baseUrl,
        responder(lib, { maxAgeDays: options.maxAgeDays, now, counts }),
        { onlyWithHeader: ContextHeader.replayKey },
      );
      sessionFetch = async (input, init = {}) => {
        const request = typeof init.body === 'string' ? parseRequest(init.body) : undefined;
        if (!request) return passOn(input, init);
        const ctx = readContext(init.headers ?? {});
        const key = requestKey(request, ctx.sample);
        if (decide('auto', lib.lookup(key, ctx.suite), options.maxAgeDays, now()) === 'replay') {
          const headers = { ...headerRecord(init.headers), [ContextHeader.replayKey]: key };
          return globalThis.fetch(input, { ...init, headers });
        }
        return record(input, init, key, request, ctx);
      };
      break;
    }
    case 'record': {
      sessionFetch = async (input, init = {}) => {
        const request = typeof init.body === 'string' ? parseRequest(init.body) : undefined;
        if (!request) return passOn(input, init);
        const ctx = readContext(init.headers ?? {});
        return record(input, init, requestKey(request, ctx.sample), request, ctx);
      };
      break;
    }
    case 'live':
      sessionFetch = (input, init = {}) => passOn(input, init);
      break;
  }

  let closing: Promise<void> | undefined;
  return {
    fetch: sessionFetch,
    stats: () => ({ ...counts }),
    written: () => [...written],
    close() {
      closing ??= (async () => {
        if (removeInterceptor) {
          removeInterceptor();
          replaying.delete(origin);
        }
        restoreNet?.();
        if (mode === 'record' || mode === 'auto') written = await lib.save(apiKey);
      })();
      return closing;
    },
  };
}

/**
 * A replay's fetch: the caller's signal (the client's per-attempt timeout and Ctrl-C) rejects
 * the call here instead of being handed to fetch. A replayed answer is produced in-process, so
 * there is no connection to tear down, and a signal given to fetch costs per call: undici and the
 * interceptors follow it with listeners and keep it reachable until a full garbage collection.
 */
const withoutSignal: typeof fetch = (input, init) => {
  const signal = init?.signal;
  if (!signal) return globalThis.fetch(input, init);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    globalThis.fetch(input, { ...init, signal: null }).then(
      (res) => {
        signal.removeEventListener('abort', onAbort);
        resolve(res);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
};

/** A fetch `init.headers` as a plain object. */
function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  return { ...headers };
}

function claim(origin: string): void {
  if (replaying.has(origin)) {
    throw new Error(`a cassette session for ${origin} is already open; close it before opening another`);
  }
  replaying.add(origin);
}
