/** Scripted conversations through the built CLI: turns per language, per-turn assertions, replay. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseResult } from '../../src/contracts/result.js';
import { weatherAgent } from '../utils/agent-sim.js';
import { recordSuite, replaySuites, reportCases } from '../utils/recorded-suite.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

let sim: Simulator;
let dir: string;

const suite = `name: chat
tools:
  - name: book_table
    parameters: { type: object, properties: { people: { type: integer }, time: { type: string } } }
    mock: { "*": { ref: B-42 } }
tests:
  - id: booking
    conversation:
      - user: { en: "I want to book a table for two.", ar: "أريد حجز طاولة لشخصين.", zh: "我想预订两人桌。" }
        assert:
          - { type: icontains-any, value: [time, "متى", "几点"] }
          - { type: not-tool-call, name: book_table }
      - user: { en: "Tomorrow at 8pm.", ar: "غدًا الساعة 20:00", zh: "明天晚上8点" }
        assert: [{ type: tool-call, name: book_table, args: { people: 2 } }, { type: contains, value: "B-42" }]
    assert:
      - { type: turns, min: 2, max: 2 }
      - { type: tool-calls, value: [book_table] }
      - { type: contains, value: "B-42" }
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-conversation-'));
  sim = await startSimulator({ respond: weatherAgent, chunkDelayMs: 0 });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('sends each turn with the whole history, judges each turn, and replays the same', async () => {
  const d = join(dir, 'p');
  const rec = await recordSuite(d, 'chat.yaml', suite, sim.url);
  expect(rec.code, rec.stderr + rec.stdout).toBe(0);
  const live = await reportCases(d);
  expect(live.map((c) => [c.lang, c.status]).sort()).toEqual([
    ['ar', 'pass'],
    ['en', 'pass'],
    ['zh', 'pass'],
  ]);
  const ar = live.find((c) => c.lang === 'ar')!;
  expect(ar.transcript?.turns).toBe(2);
  expect(ar.transcript?.messages.map((m) => [m.role, m.turn, m.step ?? 0])).toEqual([
    ['user', 1, 0],
    ['assistant', 1, 1],
    ['user', 2, 0],
    ['assistant', 2, 2],
    ['tool', 2, 2],
    ['assistant', 2, 3],
  ]);
  expect(ar.transcript?.messages[2]?.content).toBe('غدًا الساعة 20:00');
  const rep = await replaySuites(d);
  expect(rep.code, rep.stderr).toBe(0);
  const replayed = await reportCases(d);
  const byLang = (list: CaseResult[]) => Object.fromEntries(list.map((c) => [c.lang, c.transcript]));
  expect(byLang(replayed)).toEqual(byLang(live));
}, 60_000);
