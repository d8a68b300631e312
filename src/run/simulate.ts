/**
 * A simulated user's dialogue (SPEC §10 `simulate:`): a model plays the user — its persona and
 * goal in its own system prompt — and writes each user turn; the assistant under test answers
 * each turn through the tool loop (so tools work inside simulated dialogues). The dialogue ends
 * when the simulated user answers with a stop phrase (`[GOAL MET]`, `[GIVE UP]`), when the
 * assistant's turn cannot go on (out of `max_steps`, a failed call), or when the simulated user
 * still wants to write after `max_turns` turns: then the case fails with the reason.
 */
import { defaultGraderModel } from '../assertions/model-graded.js';
import type { Case, CaseSimulation } from '../contracts/case.js';
import type { ChatMessage, ChatRequest, ModelResponse } from '../contracts/chat.js';
import type { TranscriptMessage, TranscriptSimulation } from '../contracts/result.js';
import { ProviderError } from '../provider/errors.js';
import { Exchange, type LoopOutcome, type StepCall } from './tool-loop.js';

/** What the simulated user answers when the goal was reached. */
export const goalPhrase = '[GOAL MET]';
/** What the simulated user answers when it sees the goal cannot be reached. */
export const giveUpPhrase = '[GIVE UP]';

/** The first line of every simulated user's system prompt (the test simulator looks for it). */
export const simulatedUserIntro =
  'You are role-playing a user who is talking to an AI assistant, to test that assistant.';

/** The user message that opens the simulated user's side of the dialogue. */
export const openingCue = 'The conversation starts now. Write your first message to the assistant.';

/** One model call of the simulated user: its request, for user turn `turn` (1-based). */
export type UserCall = (request: ChatRequest, turn: number) => Promise<ModelResponse>;

/** The simulated user's system prompt: who it is, what it wants, how it says it is done. */
export function simulatedUserPrompt(sim: CaseSimulation, lang: string | null): string {
  return [
    simulatedUserIntro,
    'Stay in character the whole time; never say that you are an AI, a model or a simulation.',
    '',
    `Who you are: ${sim.persona}`,
    `Your goal: ${sim.goal}`,
    ...(lang ? [`Write in the language with code "${lang}".`] : []),
    '',
    'Each time, write only your next message to the assistant, as this user would type it: no quotes, no labels, no notes.',
    `When the assistant has done what your goal needs, answer with exactly ${goalPhrase} and nothing else.`,
    `If your goal cannot be reached, or the assistant keeps failing you, answer with exactly ${giveUpPhrase} and nothing else.`,
  ].join('\n');
}

/** The simulated user's model: its own, else the grader model (the suite's, else qwen-max). */
export function simulatedUserModel(c: Case): string {
  return c.simulate?.model ?? c.grader?.model ?? defaultGraderModel;
}

/**
 * The simulated user's request: its system prompt, the opening cue, then the dialogue seen from
 * its side — what it wrote as `assistant`, the assistant's replies of each turn (tool calls and
 * results left out: a user sees only the text) as `user`.
 */
export function simulatedUserRequest(c: Case, messages: readonly TranscriptMessage[]): ChatRequest {
  const sim = c.simulate!;
  const out: ChatMessage[] = [
    { role: 'system', content: simulatedUserPrompt(sim, c.lang) },
    { role: 'user', content: openingCue },
  ];
  const replies = new Map<number, string[]>();
  for (const m of messages) {
    if (m.role !== 'assistant' || m.content.trim() === '') continue;
    const list = replies.get(m.turn) ?? [];
    list.push(m.content);
    replies.set(m.turn, list);
  }
  for (const m of messages) {
    if (m.role !== 'user') continue;
    out.push({ role: 'assistant', content: m.content });
    out.push({ role: 'user', content: replies.get(m.turn)?.join('\n\n') ?? '(the assistant did not reply)' });
  }
  return { model: simulatedUserModel(c), messages: out };
}

/** The first request a simulated case sends (the simulated user's opening), for cassette checks. */
export function firstRequestOf(c: Case): ChatRequest {
  return c.simulate ? simulatedUserRequest(c, []) : c.request;
}

/** The stop phrase an answer holds, if any. */
function stopOf(text: string): 'goal' | 'give-up' | null {
  if (/\[\s*goal[\s_-]*met\s*\]/i.test(text)) return 'goal';
  if (/\[\s*give[\s_-]*up\s*\]/i.test(text)) return 'give-up';
  return null;
}

/**
 * Whether the simulated user's answer at `turn` ends the dialogue, how, and the reason the case
 * fails when it should: nothing written, a stop before the first message, past `max_turns`.
 */
function endOf(
  text: string,
  turn: number,
  maxTurns: number,
): { ended: TranscriptSimulation['ended']; problem?: string } | null {
  if (text === '') return { ended: 'stopped', problem: `the simulated user wrote nothing at turn ${turn}` };
  const stop = stopOf(text);
  if (stop && turn === 1) {
    const phrase = stop === 'goal' ? goalPhrase : giveUpPhrase;
    return { ended: stop, problem: `the simulated user stopped (${phrase}) before writing a message` };
  }
  if (stop) return { ended: stop };
  if (turn <= maxTurns) return null;
  return {
    ended: 'max-turns',
    problem: `ran out of max_turns (${maxTurns}): the simulated user still wanted to write turn ${turn} instead of saying ${goalPhrase}`,
  };
}

/**
 * Plays the dialogue of a case with `simulate`. Never throws a ProviderError: a failed call (the
 * simulated user's or the assistant's) ends it with `error`, the transcript so far kept.
 */
export async function runSimulation(c: Case, call: StepCall, askUser: UserCall): Promise<LoopOutcome> {
  const sim = c.simulate!;
  const exchange = new Exchange(c, call);
  const { out, transcript } = exchange;
  transcript.turns = 0;
  const simulation: TranscriptSimulation = { ended: 'stopped', calls: 0 };
  transcript.simulation = simulation;
  for (let turn = 1; ; turn++) {
    let said: ModelResponse;
    try {
      said = await askUser(simulatedUserRequest(c, transcript.messages), turn);
    } catch (err) {
      if (err instanceof ProviderError) {
        out.error = err;
        return out;
      }
      throw err;
    }
    simulation.calls++;
    const text = said.output.trim();
    const end = endOf(text, turn, sim.max_turns);
    if (end) {
      simulation.ended = end.ended;
      if (text !== '') simulation.final = text;
      if (end.problem !== undefined) {
        out.problems.push(end.problem);
        transcript.stopped = end.problem;
      }
      return out;
    }
    if (!(await exchange.turn(turn, text, true))) return out;
  }
}
