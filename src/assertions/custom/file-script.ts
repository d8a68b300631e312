import { Worker } from 'node:worker_threads';
import { AssertionEvaluationError } from '../types.js';

/**
 * `javascript: file://x.js` modules run in worker threads, so a hang (sync or async) is cut by
 * terminating the worker. Workers are pooled per module and reused: starting one costs tens of
 * milliseconds, importing the module once per worker. Idle workers do not keep the process alive.
 */

const workerSource = `
const { parentPort } = require('node:worker_threads');
let loaded;
parentPort.on('message', async ({ url, member, output, context }) => {
  try {
    loaded ??= import(url);
    const mod = await loaded;
    const fn = member ? mod[member] : (mod.default ?? mod);
    if (typeof fn !== 'function') {
      throw new Error(member ? 'the module has no function export ' + JSON.stringify(member) : 'the module has no default export function');
    }
    const value = await fn(output, context);
    parentPort.postMessage({ ok: true, value });
  } catch (error) {
    const message = error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
    parentPort.postMessage({ ok: false, message });
  }
});
`;

const maxIdlePerModule = 4;
const idle = new Map<string, Worker[]>();
const busy = new Set<Worker>();

/**
 * Runs the module's export on one input (an assertion's output, a tool mock's arguments) and a
 * plain-data context, with a time limit. `label` names the caller in errors.
 */
export function runFileScript(
  url: string,
  member: string | undefined,
  output: unknown,
  context: unknown,
  timeoutMs: number,
  label = 'javascript',
): Promise<unknown> {
  const key = `${url}#${member ?? ''}`;
  const worker = idle.get(key)?.pop() ?? new Worker(workerSource, { eval: true });
  worker.ref();
  busy.add(worker);
  return new Promise((resolve, reject) => {
    const done = (release: boolean) => {
      clearTimeout(timer);
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
      busy.delete(worker);
      if (release) {
        const pool = idle.get(key) ?? [];
        if (pool.length < maxIdlePerModule) {
          worker.unref();
          pool.push(worker);
          idle.set(key, pool);
          return;
        }
      }
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      done(false);
      reject(new AssertionEvaluationError(`${label} ${url}: timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    worker.on('message', (m: { ok: boolean; value?: unknown; message?: string }) => {
      done(true);
      if (m.ok) resolve(m.value);
      else reject(new AssertionEvaluationError(`${label} ${url} threw: ${m.message}`));
    });
    worker.on('error', (e) => {
      done(false);
      reject(new AssertionEvaluationError(`${label} ${url} crashed: ${e.message}`));
    });
    worker.on('exit', (code) => {
      done(false);
      reject(new AssertionEvaluationError(`${label} ${url}: worker exited with code ${code}`));
    });
    try {
      worker.postMessage({ url, member, output, context });
    } catch (e) {
      done(true);
      reject(
        new AssertionEvaluationError(`${label} ${url}: the context cannot be sent: ${(e as Error).message}`),
      );
    }
  });
}

/** Terminates every pooled worker (tests and the end of a run). */
export async function closeScriptWorkers(): Promise<void> {
  const all = [...busy, ...[...idle.values()].flat()];
  idle.clear();
  busy.clear();
  await Promise.all(all.map((w) => w.terminate()));
}
