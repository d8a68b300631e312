import type { CassetteEntry } from '../../../src/cassette/types.js';

/** A recorded test call of suite `s` for `key`, answering `body` after `durationMs`. */
export function cassetteEntry(key: string, body: unknown, durationMs: number): CassetteEntry {
  return {
    key,
    purpose: 'test',
    case_id: `s/${key}/qwen-max#0`,
    sample: 0,
    request: { model: 'qwen-max', messages: [{ role: 'user', content: key }] },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body },
    recorded_at: '2025-01-01T00:00:00.000Z',
    model: 'qwen-max',
    duration_ms: durationMs,
  };
}
