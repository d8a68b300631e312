/**
 * The live client's transport: the part of `fetch` qeval uses, over node:http and node:https.
 *
 * Node's fetch (undici) runs the whole WHATWG fetch algorithm per call: a Request and a Response
 * object, header guards, web streams for both bodies, abort bookkeeping. For an API client that
 * sends one small JSON body and reads one back, that machinery is most of the cost: a bare loop
 * of 10,000 calls to the loopback simulator takes about 3.2 s with fetch and 1.1 s over
 * node:http with keep-alive, and 3.8 s against 1.1 s of CPU (`npm run bench` keeps both floors).
 * A live run is CPU-bound on exactly that, so its calls go through here; cassette recording and
 * replay keep using `fetch` (nock intercepts both).
 *
 * What it does, as the client needs it: POST (any method) with string headers and a string or
 * byte body; keep-alive connections per origin; the abort signal (a timeout, Ctrl-C) ends the
 * call before or during the body with the signal's reason, as fetch does; a redirect is never
 * followed but fails as fetch's `redirect: 'error'` does (TypeError `fetch failed`, cause
 * `unexpected redirect`); a connection fault is a TypeError `fetch failed` with the socket error
 * as its cause, as from fetch; gzip, deflate and brotli bodies are decoded. The answer offers
 * `status`, `ok`, `headers.get()`, `text()`, `json()` and `body` (a web stream, for server-sent
 * events).
 */
// The module objects, called through at each request: nock (tests) patches `http.request`.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable, type Transform } from 'node:stream';
import {
  brotliDecompressSync,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  gunzipSync,
  inflateSync,
} from 'node:zlib';

// Idle keep-alive sockets are unreferenced by the agent: they never keep the process alive.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/** The last URL parsed: a client posts to one URL all run long. */
let lastHref = '';
let lastUrl: URL | undefined;

function parse(input: string | URL | Request): URL {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (href !== lastHref || !lastUrl) {
    lastUrl = new URL(href);
    lastHref = href;
  }
  return lastUrl;
}

/** A fetch failure as fetch reports it: TypeError("fetch failed") with the cause attached. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

type SignalLike = Pick<AbortSignal, 'aborted' | 'reason' | 'addEventListener' | 'removeEventListener'>;

/**
 * Why a call failed, once it is over (`done` lets go of the signal): the signal's reason when it
 * was aborted, as fetch rejects, otherwise `fetch failed` with the socket error as the cause.
 */
function failure(err: unknown, signal: SignalLike | undefined, done: () => void): unknown {
  done();
  return signal?.aborted ? signal.reason : fetchFailed(err);
}

/** A `fetch` for the live client (see the file comment). */
export function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = parse(input);
  const signal = (init.signal ?? undefined) as SignalLike | undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') {
    return Promise.reject(fetchFailed(new Error(`unsupported protocol ${url.protocol}`)));
  }
  const headers: Record<string, string> = {};
  const given = init.headers;
  if (given instanceof Headers) {
    given.forEach((v, k) => {
      headers[k] = v;
    });
  } else if (Array.isArray(given)) for (const [k, v] of given) headers[k.toLowerCase()] = v;
  else if (given) for (const k in given) headers[k.toLowerCase()] = (given as Record<string, string>)[k]!;
  const body = init.body;
  let payload: string | Uint8Array | undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
  else if (body !== undefined && body !== null) {
    return Promise.reject(new TypeError('httpFetch sends a string or bytes body only'));
  }
  // What fetch would add when the caller does not say.
  headers.accept ??= '*/*';
  headers['user-agent'] ??= 'qeval';
  if (payload !== undefined) {
    headers['content-length'] = String(
      typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length,
    );
  }

  return new Promise<Response>((resolve, reject) => {
    let answered = false;
    const request = (secure ? https.request : http.request)(
      {
        protocol: url.protocol,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        headers,
        agent: secure ? httpsAgent : httpAgent,
      },
      (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location !== undefined) {
          res.resume();
          done();
          reject(fetchFailed(new Error('unexpected redirect')));
          return;
        }
        resolve(new HttpResponse(res, signal, done) as unknown as Response);
      },
    );
    const onAbort = () => {
      const reason = signal?.reason;
      request.destroy(reason instanceof Error ? reason : undefined);
      if (!answered) reject(reason);
    };
    const done = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (err) => {
      if (!answered) reject(failure(err, signal, done));
    });
    request.end(payload);
  });
}

/** The answer of {@link httpFetch}: what the client reads of a fetch Response. */
class HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  private used = false;
  private stream: ReadableStream<Uint8Array> | undefined;

  constructor(
    private readonly res: IncomingMessage,
    private readonly signal: SignalLike | undefined,
    private readonly done: () => void,
  ) {
    this.status = res.statusCode ?? 0;
    this.ok = this.status >= 200 && this.status < 300;
    // A fault before the body is read is reported by text() or the stream, never thrown here.
    res.on('error', () => undefined);
    const raw = res.headers;
    this.headers = {
      get(name: string): string | null {
        const v = raw[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    };
  }

  /** The whole body, decoded as UTF-8 (a leading byte-order mark dropped, as fetch does). */
  text(): Promise<string> {
    return this.bytes().then((buf) => {
      const text = buf.toString('utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    });
  }

  json(): Promise<unknown> {
    return this.text().then((t) => JSON.parse(t) as unknown);
  }

  /** The body as a web stream of bytes, decoded (for server-sent events); made on first use. */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.stream) return this.stream;
    if (this.used) return null;
    this.used = true;
    const decoded = coding(this.res.headers['content-encoding'])?.stream();
    const source: Readable = decoded ? this.res.pipe(decoded) : this.res;
    source.once('close', this.done);
    if (decoded) this.res.once('error', (err) => decoded.destroy(err));
    this.stream = Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>;
    return this.stream;
  }

  private bytes(): Promise<Buffer> {
    if (this.used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.used = true;
    const res = this.res;
    if (res.errored) return Promise.reject(failure(res.errored, this.signal, this.done));
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => {
        this.done();
        try {
          const body = Buffer.concat(chunks);
          const decode = coding(res.headers['content-encoding'])?.whole;
          resolve(decode ? decode(body) : body);
        } catch (err) {
          reject(fetchFailed(err));
        }
      });
      // A connection that closes before the body ends, or an abort (the request is destroyed).
      res.once('error', (err) => reject(failure(err, this.signal, this.done)));
      res.once('aborted', () => reject(failure(new Error('terminated'), this.signal, this.done)));
    });
  }
}

/** The content codings fetch decodes: the whole-body and the streaming decoder of each. */
const codings = new Map<string, { whole: (b: Buffer) => Buffer; stream: () => Transform }>([
  ['gzip', { whole: gunzipSync, stream: createGunzip }],
  ['x-gzip', { whole: gunzipSync, stream: createGunzip }],
  ['deflate', { whole: inflateSync, stream: createInflate }],
  ['br', { whole: brotliDecompressSync, stream: createBrotliDecompress }],
]);

/** The coding named by a content-encoding header; none for identity or one we do not know. */
function coding(encoding: string | undefined) {
  return encoding === undefined ? undefined : codings.get(encoding.trim().toLowerCase());
}
