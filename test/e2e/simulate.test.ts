/**
 * Simulated users through the built CLI (SPEC §10 `simulate:`): a dialogue in Hindi that reaches
 * its goal (goal-met passes, turns counted, tools called inside it), one that runs out of
 * `max_turns`, and record → replay giving the same transcripts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CassetteFile } from '../../src/cassette/types.js';
import type { CaseResult } from '../../src/contracts/result.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { dialogueSim, refundDesk } from '../utils/dialogue-sim.js';
import { recordSuite, replaySuites, reportCases } from '../utils/recorded-suite.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

let sim: Simulator;
let dir: string;

const suite = `name: refunds
system: "आप एक दुकान के सहायता बॉट हैं।"
tools:
  - name: refund_order
    parameters: { type: object, properties: { order_id: { type: string } }, required: [order_id] }
    mock: { "order_id=1234": { ref: R-77 }, "*": { error: no such order } }
tests:
  - id: refund-sim
    lang: hi
    simulate:
      persona: "An impatient customer who writes in Hindi"
      goal: "Get a refund for order 1234"
      max_turns: 6
    assert: [{ type: goal-met }, { type: turns, max: 5 }, { type: tool-call, name: refund_order }]
  - id: lost-order
    lang: hi
    simulate:
      persona: "A customer who never gives up"
      goal: "Get a refund for order 9999"
      max_turns: 2
    assert: [{ type: goal-met }]
`;

/** The simulated users' lines, by goal. */
const lines: Record<string, string[]> = {
  '1234': ['मुझे रिफंड चाहिए, जल्दी!', 'ऑर्डर 1234 है।', '[GOAL MET]'],
  '9999': ['ऑर्डर 9999 का रिफंड चाहिए।', 'फिर से देखिए, ऑर्डर 9999!', 'मैं फिर पूछता हूँ: 9999!'],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-simulate-'));
  const respond = dialogueSim({
    user: (_persona, goal) => lines[/\d{4}/.exec(goal)?.[0] ?? ''] ?? [],
    assistant: refundDesk,
    goalMet: (conversation) => /R-77/.test(conversation),
  });
  sim = await startSimulator({ respond, chunkDelayMs: 0 });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('plays a simulated user against the assistant, judges the goal, and replays the same', async () => {
  const d = join(dir, 'p');
  const rec = await recordSuite(d, 'refunds.yaml', suite, sim.url);
  expect(rec.code, rec.stderr + rec.stdout).toBe(1);
  const live = await reportCases(d);
  const met = live.find((c) => c.test_id === 'refund-sim')!;
  expect(met.status, JSON.stringify(met.assertions)).toBe('pass');
  expect(met.transcript?.turns).toBe(2);
  expect(met.transcript?.simulation).toEqual({ ended: 'goal', final: '[GOAL MET]', calls: 3 });
  expect(met.transcript?.messages.map((m) => [m.role, m.turn, m.simulated ?? false])).toEqual([
    ['system', 1, false],
    ['user', 1, true],
    ['assistant', 1, false],
    ['user', 2, true],
    ['assistant', 2, false],
    ['tool', 2, false],
    ['assistant', 2, false],
  ]);
  expect(met.transcript?.messages[1]?.content).toBe('मुझे रिफंड चाहिए, जल्दी!');
  expect(met.response?.output).toBe('आपका रिफंड हो गया है (संदर्भ R-77)।');
  expect(met.assertions.map((a) => [a.type, a.pass])).toEqual([
    ['goal-met', true],
    ['turns', true],
    ['tool-call', true],
  ]);

  const lost = live.find((c) => c.test_id === 'lost-order')!;
  expect(lost.status).toBe('fail');
  expect(lost.transcript?.turns).toBe(2);
  expect(lost.transcript?.simulation?.ended).toBe('max-turns');
  const why = lost.assertions.find((a) => a.type === 'tool-loop');
  expect(why?.reason).toMatch(/ran out of max_turns \(2\): the simulated user still wanted to write turn 3/);
  expect(lost.assertions.find((a) => a.type === 'goal-met')?.pass).toBe(false);

  // Every simulated-user call is its own cassette entry, told apart from the test's and grader's.
  const cassette = JSON.parse(
    await readFile(join(d, 'suites', '__cassettes__', 'refunds.json'), 'utf8'),
  ) as CassetteFile;
  const purposes = Object.values(cassette.entries).map((e) => e.purpose);
  expect(purposes.filter((p) => p === 'simulated-user')).toHaveLength(6);
  expect(purposes.filter((p) => p === 'grader')).toHaveLength(2);

  const check = await runCli(['cassettes', 'check'], { cwd: d, env: cleanEnv() });
  expect(check.code, check.stdout + check.stderr).toBe(0);

  const requests = sim.stats.requests;
  const rep = await replaySuites(d);
  expect(rep.code, rep.stderr).toBe(1);
  expect(sim.stats.requests).toBe(requests);
  const replayed = await reportCases(d);
  const byTest = (list: CaseResult[]) =>
    Object.fromEntries(list.map((c) => [c.test_id, [c.status, c.transcript, c.assertions]]));
  expect(byTest(replayed)).toEqual(byTest(live));
}, 90_000);
