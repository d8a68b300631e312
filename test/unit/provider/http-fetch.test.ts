/** The live transport against a loopback server: what the client relies on fetch for. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallSignal } from '../../../src/provider/call-signal.js';
import { httpFetch } from '../../../src/provider/http-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const routes = new Map<string, Handler>();
const sockets = new Set<Socket>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => routes.get(req.url ?? '')?.(req, res, body));
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, init: RequestInit = {}) =>
  httpFetch(`${base}${path}`, { method: 'POST', body: '{"a":1}', ...init });

describe('httpFetch', () => {
  it('sends method, headers and body, and reads status, headers and text', async () => {
    routes.set('/echo', (req, res, body) => {
      res.setHeader(
        'x-seen',
        `${req.method} ${req.headers['content-type']} ${req.headers['content-length']}`,
      );
      res.setHeader('x-multi', ['a', 'b']);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(body);
    });
    routes.set('/agent', (req, res) => res.end(`${req.headers['user-agent']} ${req.headers.accept}`));
    expect(await (await post('/agent')).text()).toBe('qeval */*');
    expect(
      await (await post('/agent', { headers: { 'User-Agent': 'mine', Accept: 'text/plain' } })).text(),
    ).toBe('mine text/plain');
    const res = await post('/echo', { headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get('X-Seen')).toBe('POST application/json 7');
    expect(res.headers.get('x-multi')).toBe('a, b');
    expect(res.headers.get('x-absent')).toBeNull();
    expect(await res.json()).toEqual({ a: 1 });
  });

  it('counts the body in bytes, drops a byte-order mark, and refuses a second read', async () => {
    routes.set('/bom', (_req, res, body) => res.end(`\uFEFF${body}`));
    const res = await post('/bom', { body: 'ñ→日本' });
    expect(await res.text()).toBe('ñ→日本');
    await expect(res.text()).rejects.toThrow(/already been read/);
  });

  it('decodes gzip, deflate and brotli bodies, whole and streamed', async () => {
    const text = 'data: {"x":"héllo"}\n\n'.repeat(50);
    const encoders: Record<string, (b: Buffer) => Buffer> = {
      gzip: gzipSync,
      deflate: deflateSync,
      br: brotliCompressSync,
    };
    for (const [encoding, encode] of Object.entries(encoders)) {
      routes.set(`/${encoding}`, (_req, res) => {
        res.writeHead(200, { 'content-encoding': encoding });
        res.end(encode(Buffer.from(text)));
      });
      expect(await (await post(`/${encoding}`)).text()).toBe(text);
      const streamed = await post(`/${encoding}`);
      const reader = streamed.body!.getReader();
      const decoder = new TextDecoder();
      let got = '';
      for (let i = 0; i < 1000; i++) {
        const { value, done } = await reader.read();
        if (done) break;
        got += decoder.decode(value, { stream: true });
      }
      expect(got).toBe(text);
    }
  });

  it('keeps the connection alive between calls', async () => {
    routes.set('/ok', (_req, res) => res.end('ok'));
    await (await post('/ok')).text();
    const before = sockets.size;
    for (let i = 0; i < 5; i++) await (await post('/ok')).text();
    expect(sockets.size).toBe(before);
  });

  it('fails a redirect the way fetch does with redirect: error, without following it', async () => {
    let followed = false;
    routes.set('/moved', (_req, res) => {
      res.writeHead(307, { location: '/ok' });
      res.end();
    });
    routes.set('/ok', (_req, res) => {
      followed = true;
      res.end('ok');
    });
    const err = await post('/moved').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as TypeError).message).toBe('fetch failed');
    expect(((err as TypeError).cause as Error).message).toBe('unexpected redirect');
    expect(followed).toBe(false);
  });

  it('reports a refused connection as fetch failed, with the socket error as cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await httpFetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '' }).catch(
      (e: unknown) => e,
    );
    expect((err as TypeError).message).toBe('fetch failed');
    expect(((err as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('reports a body cut short as fetch failed', async () => {
    routes.set('/cut', (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.destroy(), 10);
    });
    const res = await post('/cut');
    const err = await res.text().catch((e: unknown) => e);
    expect((err as TypeError).message).toBe('fetch failed');
  });

  it("ends a call with the signal's reason: before the answer, during the body, or before it starts", async () => {
    routes.set('/hang', () => undefined);
    const early = new CallSignal();
    setTimeout(() => early.abort(new DOMException('no response within 30 ms', 'TimeoutError')), 30);
    const e1 = await post('/hang', { signal: early.asAbortSignal() }).catch((e: unknown) => e);
    expect((e1 as DOMException).name).toBe('TimeoutError');
    expect(early.listeners('abort')).toEqual([]);

    routes.set('/slow-body', (_req, res) => {
      res.writeHead(200);
      res.write('first');
    });
    const late = new CallSignal();
    const res = await post('/slow-body', { signal: late.asAbortSignal() });
    setTimeout(() => late.abort(), 20);
    const e2 = await res.text().catch((e: unknown) => e);
    expect((e2 as DOMException).name).toBe('AbortError');

    // Aborted after the answer came but before its body is read: text() still says why.
    const between = new CallSignal();
    const res2 = await post('/slow-body', { signal: between.asAbortSignal() });
    between.abort(new DOMException('cancelled in between', 'AbortError'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(res2.text()).rejects.toThrow('cancelled in between');

    const already = new CallSignal();
    already.abort(new Error('cancelled'));
    await expect(post('/ok', { signal: already.asAbortSignal() })).rejects.toThrow('cancelled');

    // A real AbortSignal works the same way.
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const e3 = await post('/hang', { signal: ac.signal }).catch((e: unknown) => e);
    expect((e3 as DOMException).name).toBe('AbortError');
  });
});
