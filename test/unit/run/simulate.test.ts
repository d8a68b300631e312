/** The simulated user's dialogue (src/run/simulate.ts) with fake calls: its requests, stop phrases, bounds. */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/contracts/case.js';
import type { ChatRequest } from '../../../src/contracts/chat.js';
import { ProviderError } from '../../../src/provider/errors.js';
import { firstRequestOf, openingCue, runSimulation, simulatedUserIntro } from '../../../src/run/simulate.js';
import { makeCase, response } from '../assertions/helpers.js';

function simCase(extra: Partial<Case> = {}): Case {
  return makeCase([], {
    lang: 'hi',
    request: { model: 'qwen-max', messages: [{ role: 'system', content: 'You are a shop bot.' }] },
    simulate: { persona: 'An impatient customer', goal: 'A refund for order 1234', max_turns: 3 },
    ...extra,
  });
}

/** A simulated user that says `lines` in order, and records what it was sent. */
function user(lines: string[]) {
  const sent: ChatRequest[] = [];
  const call = async (request: ChatRequest, turn: number) => {
    sent.push(request);
    return response(lines[turn - 1] ?? '[GIVE UP]');
  };
  return { sent, call };
}

const assistant = async (request: ChatRequest) => response(`reply ${request.messages.length}`);

describe('runSimulation', () => {
  it('opens with the persona and goal, and shows the simulated user its own side of the dialogue', async () => {
    const u = user(['first', 'second', '[GOAL MET]']);
    const out = await runSimulation(simCase(), assistant, u.call);
    expect(out.problems).toEqual([]);
    expect(out.transcript.turns).toBe(2);
    expect(out.transcript.simulation).toEqual({ ended: 'goal', final: '[GOAL MET]', calls: 3 });
    const system = String(u.sent[0]?.messages[0]?.content);
    expect(system.startsWith(simulatedUserIntro)).toBe(true);
    expect(system).toContain('Who you are: An impatient customer');
    expect(system).toContain('Your goal: A refund for order 1234');
    expect(system).toContain('language with code "hi"');
    expect(u.sent[0]?.model).toBe('qwen-max');
    expect(u.sent[2]?.messages.slice(1)).toEqual([
      { role: 'user', content: openingCue },
      { role: 'assistant', content: 'first' },
      { role: 'user', content: 'reply 2' },
      { role: 'assistant', content: 'second' },
      { role: 'user', content: 'reply 4' },
    ]);
    expect(firstRequestOf(simCase())).toEqual(u.sent[0]);
    expect(out.transcript.messages.filter((m) => m.simulated).map((m) => m.content)).toEqual([
      'first',
      'second',
    ]);
  });

  it('takes the model from simulate, else the grader', async () => {
    const u = user(['[GIVE UP]']);
    await runSimulation(simCase({ grader: { model: 'gpt-4o' } }), assistant, u.call);
    expect(u.sent[0]?.model).toBe('gpt-4o');
    const c = simCase();
    c.simulate!.model = 'qwen-plus';
    expect(firstRequestOf(c).model).toBe('qwen-plus');
  });

  it('gives up without a problem, fails past max_turns, and refuses a stop before the first message', async () => {
    const gaveUp = await runSimulation(simCase(), assistant, user(['hi', ' [give up] ']).call);
    expect(gaveUp.problems).toEqual([]);
    expect(gaveUp.transcript.simulation?.ended).toBe('give-up');

    const endless = await runSimulation(simCase(), assistant, user(['a', 'b', 'c', 'd']).call);
    expect(endless.transcript.turns).toBe(3);
    expect(endless.transcript.simulation).toMatchObject({ ended: 'max-turns', final: 'd', calls: 4 });
    expect(endless.problems).toEqual([
      'ran out of max_turns (3): the simulated user still wanted to write turn 4 instead of saying [GOAL MET]',
    ]);

    const early = await runSimulation(simCase(), assistant, user(['[GOAL MET]']).call);
    expect(early.response).toBeNull();
    expect(early.problems[0]).toMatch(/stopped \(\[GOAL MET\]\) before writing a message/);
  });

  it('ends with the error of a failed simulated-user call, the transcript so far kept', async () => {
    const failing = async (_r: ChatRequest, turn: number) => {
      if (turn === 2) throw new ProviderError('http', 'gateway down', { status: 503 });
      return response('hello');
    };
    const out = await runSimulation(simCase(), assistant, failing);
    expect(out.error?.message).toBe('gateway down');
    expect(out.transcript.turns).toBe(1);
  });
});
