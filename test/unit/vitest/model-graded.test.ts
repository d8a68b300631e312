/**
 * Model-graded matchers through the client and cassettes, in-process: recorded against the
 * loopback simulator, then replayed (the default mode) with every connection refused.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorNote } from '../../../src/cassette/transport.js';
import { createQevalMatchers } from '../../../src/vitest/index.js';
import { type Simulator, startSimulator } from '../../utils/simulator.js';

const testPath = join(import.meta.dirname, 'model-graded.test.ts');
const polite = { type: 'llm-rubric', value: 'The reply is polite.' };
const rude = { type: 'llm-rubric', value: 'The reply is rude.' };

/** A matcher call as vitest makes it: `this` is the matcher state. */
function call(matchers: ReturnType<typeof createQevalMatchers>, assertion: object, isNot = false) {
  return matchers.toPass.call(
    { isNot, testPath, currentTestName: 'model-graded > grades' },
    'Thank you for waiting, have a good day!',
    assertion as never,
  );
}

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  // The grader passes the answer on a rubric asking for politeness, and fails it on one asking for rudeness.
  sim = await startSimulator({
    respond: (body) => {
      const polite = JSON.stringify(body.messages).includes('The reply is polite.');
      return {
        content: JSON.stringify(
          polite
            ? { reason: 'It thanks the user.', pass: true, score: 0.9 }
            : { reason: 'It is courteous, not rude.', pass: false, score: 0.1 },
        ),
      };
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'qeval-vitest-'));
});

afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  nock.enableNetConnect();
});

describe('model-graded matchers', () => {
  it('record against the simulator, then replay with no connection at all', async () => {
    const recording = createQevalMatchers({
      mode: 'record',
      baseUrl: sim.url,
      cassettes: dir,
      note: simulatorNote,
    });
    expect((await call(recording, polite)).pass).toBe(true);
    expect((await call(recording, rude)).pass).toBe(false);
    expect(sim.stats.requests).toBe(2);
    const cassette = JSON.parse(await readFile(join(dir, 'model-graded.test.json'), 'utf8'));
    expect(cassette.note).toBe(simulatorNote);
    expect(Object.keys(cassette.entries)).toHaveLength(2);

    nock.disableNetConnect();
    const replaying = createQevalMatchers({ cassettes: dir });
    const passed = await call(replaying, polite);
    expect(passed.pass).toBe(true);
    expect(passed.message()).toContain('  llm-rubric "The reply is polite.": It thanks the user.');
    const failed = await call(replaying, rude);
    expect(failed.pass).toBe(false);
    expect(failed.message()).toContain(
      'expected text to pass llm-rubric "The reply is rude.": It is courteous, not rude.',
    );
    expect(sim.stats.requests).toBe(2);
  });

  it('fails a call with no recording with the cassette miss message, under .not too', async () => {
    nock.disableNetConnect();
    const replaying = createQevalMatchers({ cassettes: dir });
    for (const isNot of [false, true]) {
      await expect(
        call(replaying, { type: 'llm-rubric', value: 'The reply is short.' }, isNot),
      ).rejects.toThrow(
        /^toPass: llm-rubric: grader call to qwen-max failed: no recording for grader call of test "model-graded.test\/model-graded > grades" in .*model-graded\.test\.json; re-record with: QEVAL_MODE=record npx vitest run .*model-graded\.test\.ts -t "model-graded > grades"/,
      );
    }
  });

  it('replays by default: QEVAL_MODE chooses another mode, and a bad one is refused at the grader call', async () => {
    nock.disableNetConnect();
    const before = process.env.QEVAL_MODE;
    try {
      process.env.QEVAL_MODE = 'recorded';
      await expect(call(createQevalMatchers({ cassettes: dir }), polite)).rejects.toThrow(
        'environment variable QEVAL_MODE: "recorded" is not one of replay, record, auto, live',
      );
      // Only a grader call reads the mode: deterministic assertions score as ever.
      expect((await call(createQevalMatchers(), { type: 'icontains', value: 'thank you' })).pass).toBe(true);
      process.env.QEVAL_MODE = 'auto';
      // auto replays what is recorded: no request reaches the simulator.
      expect((await call(createQevalMatchers({ cassettes: dir, baseUrl: sim.url }), polite)).pass).toBe(true);
      expect(sim.stats.requests).toBe(2);
    } finally {
      if (before === undefined) delete process.env.QEVAL_MODE;
      else process.env.QEVAL_MODE = before;
    }
  });
});
