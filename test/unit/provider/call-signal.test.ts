import { getEventListeners, getMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallSignal } from '../../../src/provider/call-signal.js';

// A loopback server that never answers /hang and starts an endless event stream on /stream.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {}\n\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = { method: 'POST', body: '{}', redirect: 'error', window: null } as const;

describe('CallSignal', () => {
  it('aborts a fetch still waiting for its headers, with its reason', async () => {
    const signal = new CallSignal();
    setTimeout(() => signal.abort(new DOMException('no response within 50 ms', 'TimeoutError')), 50);
    const err = await fetch(`${base}/hang`, { ...post, signal: signal.asAbortSignal() }).catch((e) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('TimeoutError');
    expect((err as DOMException).message).toBe('no response within 50 ms');
    // fetch's listener ran once and was dropped.
    expect(signal.listeners('abort')).toEqual([]);
  });

  it('aborts a body being read', async () => {
    const signal = new CallSignal();
    const res = await fetch(`${base}/stream`, { ...post, signal: signal.asAbortSignal() });
    const reader = res.body!.getReader();
    await reader.read();
    setTimeout(() => signal.abort(), 20);
    const err = await (async () => {
      for (let i = 0; i < 1000; i++) if ((await reader.read()).done) return null;
      return null;
    })().catch((e) => e);
    expect((err as DOMException).name).toBe('AbortError');
  });

  it('refuses to start a fetch when already aborted', async () => {
    const signal = new CallSignal();
    signal.abort(new Error('cancelled'));
    await expect(fetch(`${base}/hang`, { ...post, signal: signal.asAbortSignal() })).rejects.toThrow(
      'cancelled',
    );
    expect(() => signal.throwIfAborted()).toThrow('cancelled');
  });

  it('aborts once, calling each listener with the signal as this, and removes listeners', () => {
    const signal = new CallSignal();
    const seen: unknown[] = [];
    const a = function (this: CallSignal) {
      seen.push(['a', this === signal, this.aborted]);
    };
    const b = () => seen.push('b');
    signal.addEventListener('abort', a);
    signal.addEventListener('abort', b);
    signal.addEventListener('other', b);
    signal.removeEventListener('abort', b);
    signal.abort('first');
    signal.abort('second');
    expect(seen).toEqual([['a', true, true]]);
    expect(signal.reason).toBe('first');
  });

  it("answers node:events' listener questions as an EventEmitter would, without throwing", () => {
    const signal = new CallSignal();
    const l = () => undefined;
    signal.addEventListener('abort', l);
    expect(getMaxListeners(signal as never)).toBe(1500);
    expect(getEventListeners(signal as never, 'abort')).toEqual([l]);
  });
});
