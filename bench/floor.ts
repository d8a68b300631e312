/**
 * The floors, run as their own process so they pay what a qeval run pays per request and no
 * more: N `fetch` POSTs of a chat-completions JSON body, `concurrency` in flight, each response
 * read and parsed.
 *
 *   node floor.js nock  <n> <concurrency> <reply.json>   one persisted nock interceptor, O(1) reply
 *   node floor.js fetch <n> <concurrency> <base url>     the loopback simulator over real sockets
 *
 * Prints one JSON line: `{ "loopMs": …, "n": …, "ok": … }` (loopMs excludes process start and
 * module loading, which the caller measures as the process's wall time).
 */
import { readFile } from 'node:fs/promises';

interface FloorResult {
  mode: string;
  n: number;
  concurrency: number;
  ok: number;
  loopMs: number;
  setupMs: number;
}

const FLOOR_HOST = 'http://127.0.0.1:9';

async function loop(url: string, n: number, concurrency: number): Promise<number> {
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const body = JSON.stringify({
        model: 'qwen-max',
        messages: [
          {
            role: 'user',
            content: `State the refund policy in one sentence and end with the reference en-${String(i).padStart(6, '0')}.`,
          },
        ],
        temperature: 0,
        max_tokens: 120,
        seed: 7,
      });
      const headers = {
        'content-type': 'application/json',
        authorization: 'Bearer bench-key',
        'x-client-request-id': `bench-${i}`,
      };
      const res = await fetch(url, { method: 'POST', headers, body });
      const parsed = (await res.json()) as { choices?: Array<{ message?: { content?: string } }> };
      if (res.status === 200 && typeof parsed.choices?.[0]?.message?.content === 'string') ok++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, concurrency)) }, worker));
  return ok;
}

async function main(): Promise<void> {
  const [mode, nRaw, jRaw, arg] = process.argv.slice(2);
  const n = Number(nRaw);
  const concurrency = Number(jRaw);
  if (
    (mode !== 'nock' && mode !== 'fetch') ||
    !Number.isInteger(n) ||
    !Number.isInteger(concurrency) ||
    !arg
  ) {
    throw new Error('usage: floor.js nock|fetch <n> <concurrency> <reply.json|base url>');
  }
  const setupStart = performance.now();
  let url: string;
  if (mode === 'nock') {
    const { default: nock } = await import('nock');
    const reply = JSON.parse(await readFile(arg, 'utf8')) as {
      body: string;
      headers: Record<string, string>;
    };
    nock.disableNetConnect();
    nock(FLOOR_HOST).persist().post('/v1/chat/completions').reply(200, reply.body, reply.headers);
    url = `${FLOOR_HOST}/v1/chat/completions`;
  } else {
    url = `${arg.replace(/\/+$/, '')}/chat/completions`;
  }
  const setupMs = performance.now() - setupStart;
  const started = performance.now();
  const ok = await loop(url, n, concurrency);
  const loopMs = performance.now() - started;
  const result: FloorResult = { mode, n, concurrency, ok, loopMs, setupMs };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`floor: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
