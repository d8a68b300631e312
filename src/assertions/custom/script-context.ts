import { lastUserText } from '../../contracts/chat.js';
import type { Transcript } from '../../contracts/result.js';
import type { AssertionContext } from '../types.js';

/**
 * What a `javascript` assertion receives as its second argument. Plain data only, so it can be
 * copied into a sandbox context or posted to a worker thread.
 */
export interface ScriptContext {
  vars: Record<string, unknown>;
  lang: string | null;
  test_id: string;
  case_id: string;
  model: string;
  sample: number;
  /** The text of the last user message. */
  prompt: string;
  request: AssertionContext['case']['request'];
  response: AssertionContext['response'];
  /** The whole exchange of a case with tools or a conversation (messages, tool calls, steps). */
  transcript?: Transcript;
}

/** Builds the script context from the assertion context. */
export function scriptContext(ctx: AssertionContext): ScriptContext {
  const prompt = lastUserText(ctx.case.request?.messages ?? []);
  const out: ScriptContext = {
    vars: ctx.case.vars,
    lang: ctx.case.lang,
    test_id: ctx.case.test_id,
    case_id: ctx.case.id,
    model: ctx.case.model,
    sample: ctx.case.sample,
    prompt,
    request: ctx.case.request,
    response: ctx.response,
  };
  if (ctx.transcript) out.transcript = ctx.transcript;
  return out;
}
