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
 */
import nock from 'nock';
import { ContextHeader, stripContextHeaders } from '../provider/wire-headers.js';
import { type CallContext, parseRequest, readContext, replayKeyOf } from './context.js';
import { requestKey } from './key.js';
import { CassetteLibrary } from './library.js';
import { netConnectState, restoreNetConnect } from './net-connect.js';
import { decide } from './policy.js';
import { fetchAndRecord } from './recorder.js';
import { hitReply, installInterceptor, missMessage, missReply, type Reply } from './replay.js';

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
  const savedNet = netConnectState();
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

  const replyTo = (headers: Record<string, string | string[] | undefined>, body: unknown): Reply => {
    const request = parseRequest(body);
    const ctx = readContext(headers);
    if (!request)
      return missReply('miss', 'the request body is not a chat request; nothing can be replayed for it');
    const key = replayKeyOf(headers) ?? requestKey(request, ctx.sample);
    const entry = lib.lookup(key, ctx.suite);
    const decision = decide('replay', entry, options.maxAgeDays, now());
    if (decision === 'replay' && entry) {
      counts.hits++;
      return hitReply(entry);
    }
    counts.misses++;
    if (decision === 'expired' && entry) {
      return missReply(
        'expired',
        missMessage(lib, request, ctx, { entry, maxAgeDays: options.maxAgeDays ?? 0 }),
      );
    }
    return missReply('miss', missMessage(lib, request, ctx));
  };

  let sessionFetch: typeof fetch;
  switch (mode) {
    case 'replay': {
      claim(origin);
      removeInterceptor = installInterceptor(options.baseUrl, replyTo, {});
      // Replay opens no connection at all: anything not answered by the interceptor fails.
      nock.disableNetConnect();
      sessionFetch = (input, init) => globalThis.fetch(input, init);
      break;
    }
    case 'auto': {
      claim(origin);
      removeInterceptor = installInterceptor(options.baseUrl, replyTo, {
        onlyWithHeader: ContextHeader.replayKey,
      });
      sessionFetch = async (input, init = {}) => {
        const headers = new Headers(init.headers);
        const request = typeof init.body === 'string' ? parseRequest(init.body) : undefined;
        if (!request) return globalThis.fetch(input, { ...init, headers: stripContextHeaders(headers) });
        const ctx = readContext(headers);
        const key = requestKey(request, ctx.sample);
        if (decide('auto', lib.lookup(key, ctx.suite), options.maxAgeDays, now()) === 'replay') {
          headers.set(ContextHeader.replayKey, key);
          return globalThis.fetch(input, { ...init, headers });
        }
        return record(input, init, key, request, ctx);
      };
      break;
    }
    case 'record': {
      sessionFetch = async (input, init = {}) => {
        const headers = new Headers(init.headers);
        const request = typeof init.body === 'string' ? parseRequest(init.body) : undefined;
        if (!request) return globalThis.fetch(input, { ...init, headers: stripContextHeaders(headers) });
        const ctx = readContext(headers);
        return record(input, init, requestKey(request, ctx.sample), request, ctx);
      };
      break;
    }
    case 'live':
      sessionFetch = (input, init = {}) =>
        globalThis.fetch(input, { ...init, headers: stripContextHeaders(new Headers(init.headers)) });
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
        if (mode === 'replay') restoreNetConnect(savedNet);
        if (mode === 'record' || mode === 'auto') written = await lib.save(apiKey);
      })();
      return closing;
    },
  };
}

function claim(origin: string): void {
  if (replaying.has(origin)) {
    throw new Error(`a cassette session for ${origin} is already open; close it before opening another`);
  }
  replaying.add(origin);
}
