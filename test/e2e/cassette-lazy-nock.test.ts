/**
 * nock activates its interceptors for the whole process when it is imported, so live and record
 * runs must never load it (they would pay for them on every request); replay and auto do.
 * Runs the built modules in a fresh process, where nothing else loaded nock.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qevalBin } from '../utils/cli.js';

const dist = (...parts: string[]) => pathToFileURL(join(dirname(qevalBin), '..', 'dist', ...parts)).href;
const session = dist('cassette', 'transport.js');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-lazy-nock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function nockLoadedAfter(mode: string): boolean {
  // A live run opens no cassettes: it makes a client on the network transport.
  const open =
    mode === 'live'
      ? `const { createClient } = await import(${JSON.stringify(dist('provider', 'client.js'))});
         createClient({ baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 1, retries: 0, concurrency: 1, prices: {} });`
      : `const { openCassettes } = await import(${JSON.stringify(session)});
         const s = await openCassettes({
           mode: ${JSON.stringify(mode)},
           suites: [{ name: 's', file: ${JSON.stringify(join(dir, 's.yaml'))} }],
           baseUrl: 'http://127.0.0.1:9/v1',
         });
         await s.close();`;
  const script = `
    import { createRequire } from 'node:module';
    ${open}
    const require = createRequire(import.meta.url);
    process.stdout.write(String(require.cache[require.resolve('nock')] !== undefined));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dirname(qevalBin),
    encoding: 'utf8',
  });
  return out.trim() === 'true';
}

describe('nock is loaded only when a mode needs it', () => {
  it('live and record do not load it', () => {
    expect(nockLoadedAfter('live')).toBe(false);
    expect(nockLoadedAfter('record')).toBe(false);
  });
  it('replay and auto do', () => {
    expect(nockLoadedAfter('replay')).toBe(true);
    expect(nockLoadedAfter('auto')).toBe(true);
  });
});
