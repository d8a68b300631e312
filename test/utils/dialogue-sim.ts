/**
 * Both sides of a simulated dialogue, deterministic, for the simulator's `respond`: the simulated
 * user's replies by turn (found by its system prompt), the grader's `goal-met` verdict (found by
 * its `<goal>` block), and the assistant under test (any other request).
 */
import { simulatedUserIntro } from '../../src/run/simulate.js';
import type { SimAnswer, SimRequestBody } from './simulator.js';

export interface DialogueScript {
  /** The simulated user's messages by turn (1-based: index 0 is turn 1); past the end it says `[GIVE UP]`. */
  user: (persona: string, goal: string) => string[];
  /** The assistant under test. */
  assistant: (body: SimRequestBody) => SimAnswer;
  /** The grader's verdict from the conversation text it was shown. */
  goalMet: (conversation: string) => boolean;
}

const usage = { prompt_tokens: 30, completion_tokens: 10 };
const textOf = (content: unknown) => (typeof content === 'string' ? content : '');

/** Which of the three a request is for. */
export function roleOf(body: SimRequestBody): 'simulated-user' | 'grader' | 'assistant' {
  const first = textOf(body.messages[0]?.content);
  if (body.messages[0]?.role === 'system' && first.startsWith(simulatedUserIntro)) return 'simulated-user';
  if (body.messages.some((m) => /<goal>[\s\S]*<conversation/.test(textOf(m.content)))) return 'grader';
  return 'assistant';
}

/** A `respond` for the simulator that plays the script. */
export function dialogueSim(script: DialogueScript): (body: SimRequestBody) => SimAnswer {
  return (body) => {
    const role = roleOf(body);
    if (role === 'simulated-user') {
      const system = textOf(body.messages[0]?.content);
      const persona = /^Who you are: (.*)$/m.exec(system)?.[1] ?? '';
      const goal = /^Your goal: (.*)$/m.exec(system)?.[1] ?? '';
      // Its own earlier messages are the `assistant` ones of its side of the dialogue.
      const turn = body.messages.filter((m) => m.role === 'assistant').length + 1;
      return { content: script.user(persona, goal)[turn - 1] ?? '[GIVE UP]', usage };
    }
    if (role === 'grader') {
      const prompt = textOf(body.messages.at(-1)?.content);
      const conversation = /<conversation[^>]*>([\s\S]*)<\/conversation>/.exec(prompt)?.[1] ?? '';
      const pass = script.goalMet(conversation);
      return {
        content: JSON.stringify({
          reason: pass ? 'the refund was made' : 'no refund was made',
          pass,
          score: pass ? 1 : 0,
        }),
        usage,
      };
    }
    return script.assistant(body);
  };
}

/**
 * A refund desk that answers in Hindi: asks for the order number, refunds it through
 * `refund_order`, and refuses orders it cannot find.
 */
export function refundDesk(body: SimRequestBody): SimAnswer {
  const msgs = body.messages;
  const last = msgs.at(-1);
  if (last?.role === 'tool') {
    const result = JSON.parse(textOf(last.content)) as { ref?: string; error?: string };
    return result.ref
      ? { content: `आपका रिफंड हो गया है (संदर्भ ${result.ref})।`, usage }
      : { content: 'माफ़ कीजिए, यह ऑर्डर नहीं मिला।', usage };
  }
  const order = /\d{4}/.exec(textOf(last?.content))?.[0];
  if (order) {
    return { content: '', tool_calls: [{ name: 'refund_order', arguments: { order_id: order } }], usage };
  }
  return { content: 'कृपया अपना ऑर्डर नंबर बताइए।', usage };
}
