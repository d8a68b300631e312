/**
 * The tool loop and scripted conversations of one case (SPEC §10). Each user turn: send the
 * history → the model calls tools → run the mocks (the calls of one step together, results in
 * call order) → send the results as `tool` messages → … until an answer without calls, or
 * `max_steps` model calls in the turn. Every model call goes through the client (cassettes,
 * retries) as step N of the case, so each is its own cassette entry.
 */
import type { Case } from '../contracts/case.js';
import {
  type ChatMessage,
  type ChatRequest,
  type ModelResponse,
  messageText,
  type ToolCall,
} from '../contracts/chat.js';
import type { Transcript, TranscriptMessage, TranscriptToolCall } from '../contracts/result.js';
import { ProviderError } from '../provider/errors.js';
import { defaultMaxSteps } from '../suite/tools.js';
import { errorOutcome, runMock, type ToolOutcome } from './tool-mocks.js';

/** One model call of the loop: the request with the history so far, as step `step` of the case. */
export type StepCall = (request: ChatRequest, step: number) => Promise<ModelResponse>;

/** What the exchange came to. */
export interface LoopOutcome {
  /** The last answer (of the last turn reached); null when the first call failed. */
  response: ModelResponse | null;
  /** The last answer of each turn reached, in order. */
  turnResponses: ModelResponse[];
  transcript: Transcript;
  /** Why the case fails whatever its assertions say: arguments not JSON, out of `max_steps`. */
  problems: string[];
  /** A call that failed after its retries: the case is an error, the transcript so far kept. */
  error?: ProviderError;
}

/** Arguments read as a JSON object, or why they are not one. */
export function readArguments(call: ToolCall): { args: Record<string, unknown> } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(call.arguments === '' ? '{}' : call.arguments);
  } catch (err) {
    return { problem: `arguments are not JSON (${(err as Error).message}): ${call.arguments.slice(0, 200)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: `arguments must be a JSON object, got ${call.arguments.slice(0, 200)}` };
  }
  return { args: value as Record<string, unknown> };
}

function declaredTools(request: ChatRequest): string[] {
  const tools = Array.isArray(request.tools) ? request.tools : [];
  return tools
    .map((t) => (t as { function?: { name?: unknown } })?.function?.name)
    .filter((n): n is string => typeof n === 'string');
}

/**
 * One case's exchange with the model, a user turn at a time: the history sent, the transcript
 * kept, the outcome so far. Scripted conversations give it their turns in order; a simulated user
 * (simulate.ts) writes each turn from the transcript so far.
 */
export class Exchange {
  readonly out: LoopOutcome;
  readonly #history: ChatMessage[];
  readonly #maxSteps: number;
  readonly #declared: string[];

  constructor(
    readonly c: Case,
    readonly call: StepCall,
  ) {
    this.#history = [...c.request.messages];
    const messages: TranscriptMessage[] = this.#history.map((m) => ({
      role: m.role,
      content: messageText(m.content),
      turn: 1,
    }));
    this.out = {
      response: null,
      turnResponses: [],
      transcript: { messages, steps: 0, turns: 1 },
      problems: [],
    };
    this.#maxSteps = c.tools?.max_steps ?? defaultMaxSteps;
    this.#declared = declaredTools(c.request);
  }

  get transcript(): Transcript {
    return this.out.transcript;
  }

  /**
   * Runs user turn `turn`: sends `user` (null when it is in the request already) and loops until
   * an answer without tool calls. False when the exchange cannot go on: a call failed after its
   * retries (`out.error`), or the turn ran out of `max_steps` (a problem). `simulated` marks a
   * user message the simulated user wrote.
   */
  async turn(turn: number, user: string | null, simulated = false): Promise<boolean> {
    const { out, transcript } = this;
    const history = this.#history;
    const messages = transcript.messages;
    const c = this.c;
    if (user !== null) {
      history.push({ role: 'user', content: user });
      const m: TranscriptMessage = { role: 'user', content: user, turn };
      if (simulated) m.simulated = true;
      messages.push(m);
      transcript.turns = turn;
    }
    for (let inTurn = 1; ; inTurn++) {
      const step = transcript.steps + 1;
      let response: ModelResponse;
      try {
        response = await this.call({ ...c.request, messages: [...history] }, step);
      } catch (err) {
        if (err instanceof ProviderError) {
          out.error = err;
          return false;
        }
        throw err;
      }
      transcript.steps = step;
      out.response = response;
      const calls = response.tool_calls ?? [];
      const kept: TranscriptToolCall[] = calls.map((tc) => {
        const read = readArguments(tc);
        return 'args' in read ? { ...tc, args: read.args } : { ...tc };
      });
      const said: TranscriptMessage = { role: 'assistant', content: response.output, turn, step };
      if (kept.length > 0) said.tool_calls = kept;
      messages.push(said);
      const assistant: ChatMessage = { role: 'assistant', content: response.output };
      if (calls.length > 0) {
        assistant.tool_calls = calls.map((tc) => ({
          id: tc.id,
          type: 'function',
          function: { name: tc.name, arguments: tc.arguments },
        }));
      }
      history.push(assistant);
      if (calls.length === 0) {
        out.turnResponses.push(response);
        return true;
      }
      if (inTurn >= this.#maxSteps) {
        const why = `ran out of max_steps (${this.#maxSteps}) in turn ${turn}: the model still called ${calls.map((x) => x.name).join(', ')} at step ${step} instead of answering`;
        out.problems.push(why);
        transcript.stopped = why;
        out.turnResponses.push(response);
        return false;
      }
      const results = await Promise.all(
        calls.map((tc) => runCall(c, tc, this.#declared, { step, turn }, out.problems)),
      );
      calls.forEach((tc, i) => {
        const r = results[i]!;
        history.push({ role: 'tool', tool_call_id: tc.id, content: r.content });
        const m: TranscriptMessage = {
          role: 'tool',
          content: r.content,
          turn,
          step,
          tool_call_id: tc.id,
          name: tc.name,
        };
        if (r.error !== undefined) m.error = r.error;
        messages.push(m);
      });
    }
  }
}

/** Runs a case's tool loop and scripted turns. Never throws a ProviderError: a failed call ends it with `error`. */
export async function runToolLoop(c: Case, call: StepCall): Promise<LoopOutcome> {
  const exchange = new Exchange(c, call);
  const userTurns = [null, ...(c.turns ?? []).map((t) => t.user)];
  for (let t = 0; t < userTurns.length; t++) {
    if (!(await exchange.turn(t + 1, userTurns[t] ?? null))) break;
  }
  return exchange.out;
}

/** One call's result: an error result for an unknown tool or arguments that are not JSON. */
async function runCall(
  c: Case,
  tc: ToolCall,
  declared: string[],
  at: { step: number; turn: number },
  problems: string[],
): Promise<ToolOutcome> {
  if (!declared.includes(tc.name)) {
    return errorOutcome(`unknown tool "${tc.name}"; the tools are: ${declared.join(', ') || 'none'}`);
  }
  const read = readArguments(tc);
  if ('problem' in read) {
    problems.push(`step ${at.step}: the model called ${tc.name} with ${read.problem}`);
    return errorOutcome(read.problem);
  }
  return runMock(c.tools?.mocks[tc.name], read.args, {
    tool: tc.name,
    call_id: tc.id,
    step: at.step,
    turn: at.turn,
    case_id: c.id,
    test_id: c.test_id,
    lang: c.lang,
    vars: c.vars,
  });
}
