import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { parseGraderAnswer } from '../../../src/assertions/graders/grader-answer.js';
import { llmRubric } from '../../../src/assertions/model-graded.js';
import type { GradeFn } from '../../../src/assertions/types.js';
import type { Transcript } from '../../../src/contracts/result.js';
import { context, fakeGrader, spec } from './helpers.js';

describe('parseGraderAnswer', () => {
  it('reads fenced JSON, JSON with prose around it, string booleans and percentages', () => {
    expect(parseGraderAnswer('```json\n{"pass": true, "score": 0.8, "reason": "ok"}\n```')).toEqual({
      pass: true,
      score: 0.8,
      reason: 'ok',
    });
    expect(
      parseGraderAnswer('AssertionOutcome follows. {"reason":"meh","pass":"false","score":"40%"} Thanks!'),
    ).toEqual({
      pass: false,
      score: 0.4,
      reason: 'meh',
    });
    expect(parseGraderAnswer('{"pass": true, "score": 7}').score).toBe(1);
    expect(parseGraderAnswer('{"category": "(d) disagreement"}').category).toBe('D');
  });

  it('throws an evaluation error for an answer with no JSON object', () => {
    expect(() => parseGraderAnswer('I think it passes.')).toThrow(/did not answer with a JSON object/);
    expect(() => parseGraderAnswer('[true, 1]')).toThrow(/did not answer with a JSON object/);
  });
});

describe('llm-rubric', () => {
  it('sends the rubric, output, question and lang to qwen-max with JSON mode and temperature 0', async () => {
    const grade = fakeGrader('{"reason":"polite","pass":true,"score":1}');
    const a = compileAssertion(spec('llm-rubric', { value: 'A polite greeting addressed to 李雷' }));
    const v = await a('李雷，你好！<b>欢迎</b>', context({ lang: 'zh', grade }));
    expect(v).toEqual({ pass: true, score: 1, reason: 'polite' });
    expect(grade.calls).toHaveLength(1);
    const call = grade.calls[0]!;
    expect(call.model).toBe('qwen-max');
    expect(call.params).toEqual({ temperature: 0, response_format: { type: 'json_object' } });
    const prompt = call.messages[0]!.content;
    expect(prompt).toContain('A polite greeting addressed to 李雷');
    // Not HTML-escaped: the grader sees the output exactly.
    expect(prompt).toContain('<b>欢迎</b>');
    expect(prompt).toContain('Say hello.');
    // The built-in prompt in the case's language (graders/localized-prompts.ts).
    expect(prompt).toContain('该回答应使用中文书写');
  });

  it("uses the suite's grader model and prompt, and the assertion's over the suite's", async () => {
    const grade = fakeGrader('{"pass":true,"score":0.7,"reason":"ok"}');
    const ctx = {
      ...context({ grade }),
      grader: {
        model: 'alibaba/qwen3-max-instruct',
        prompt: 'Rubric: {{rubric}} / Output: {{output}} / json',
      },
    };
    await compileAssertion(spec('llm-rubric', { value: 'short' }))('Hi & bye', ctx);
    expect(grade.calls[0]!.model).toBe('alibaba/qwen3-max-instruct');
    expect(grade.calls[0]!.messages).toEqual([
      { role: 'user', content: 'Rubric: short / Output: Hi & bye / json' },
    ]);

    const own = compileAssertion(
      spec('llm-rubric', {
        value: 'short',
        grader: {
          model: 'qwen-plus',
          prompt: '[{"role":"system","content":"Grade {{rubric}}"},{"role":"user","content":"{{output}}"}]',
        },
      }),
    );
    await own('Hi', ctx);
    expect(grade.calls[1]!.model).toBe('qwen-plus');
    expect(grade.calls[1]!.messages).toEqual([
      { role: 'system', content: 'Grade short' },
      { role: 'user', content: 'Hi' },
    ]);
    // No "json" in that prompt: JSON mode would be refused by the API, so it is not requested.
    expect(grade.calls[1]!.params).toEqual({ temperature: 0 });
  });

  it('applies a threshold to the grader score', async () => {
    const grade = fakeGrader('{"pass":true,"score":0.6,"reason":"partly"}');
    const v = await compileAssertion(spec('llm-rubric', { value: 'x', threshold: 0.8 }))(
      'out',
      context({ grade }),
    );
    expect(v.pass).toBe(false);
    expect(v.score).toBe(0.6);
    expect(v.reason).toBe('partly (score 0.6 < threshold 0.8)');
  });

  it('turns grader failures and nonsense into evaluation errors', async () => {
    const a = llmRubric(spec('llm-rubric', { value: 'x' }));
    await expect(a('out', context())).rejects.toThrow(/no grader available/);
    const failing: GradeFn = async () => {
      throw new Error('HTTP 503 from gateway');
    };
    await expect(a('out', context({ grade: failing }))).rejects.toThrow(
      /grader call to qwen-max failed: HTTP 503/,
    );
    await expect(a('out', context({ grade: fakeGrader('Looks good to me!') }))).rejects.toThrow(
      /did not answer with a JSON object/,
    );
    await expect(a('out', context({ grade: fakeGrader('{"pass": true}') }))).rejects.toThrow(/lacks score/);
    await expect(a('out', context({ grade: fakeGrader('   ') }))).rejects.toThrow(/empty answer/);
  });

  it('rejects a broken Handlebars prompt when the assertion is built', () => {
    expect(() => compileAssertion(spec('llm-rubric', { value: 'x', grader: { prompt: '{{#if}}' } }))).toThrow(
      /not a valid Handlebars template/,
    );
  });
});

describe('factuality', () => {
  it('maps categories: D fails, A/B/C/E pass, reason kept', async () => {
    const a = compileAssertion(spec('factuality', { value: 'Canberra is the capital of Australia.' }));
    const d = await a('Sydney', context({ grade: fakeGrader('{"reason":"wrong city","category":"D"}') }));
    expect(d).toEqual({
      pass: false,
      score: 0,
      reason: '(D) the output is in disagreement with the reference: wrong city',
    });
    const b = await a(
      'Canberra, in the ACT',
      context({ grade: fakeGrader('```json\n{"category":"B","reason":"adds detail"}\n```') }),
    );
    expect(b.pass).toBe(true);
    expect(b.score).toBe(1);
  });

  it('puts the reference and question in the prompt', async () => {
    const grade = fakeGrader('{"category":"C","reason":"same"}');
    await compileAssertion(spec('factuality', { value: 'Water boils at 100 °C at sea level.' }))(
      '100 °C',
      context({ grade }),
    );
    const prompt = grade.calls[0]!.messages[0]!.content;
    expect(prompt).toContain('[Expert answer]: Water boils at 100 °C at sea level.');
    expect(prompt).toContain('[Submitted answer]: 100 °C');
  });

  it('errors on an answer with neither a category nor a verdict', async () => {
    const a = compileAssertion(spec('factuality', { value: 'x' }));
    await expect(a('y', context({ grade: fakeGrader('{"category":"Z"}') }))).rejects.toThrow(
      /no category A–E/,
    );
  });
});

describe('goal-met', () => {
  const transcript: Transcript = {
    messages: [
      { role: 'system', content: 'You are a shop bot.', turn: 1 },
      { role: 'user', content: 'मुझे रिफंड चाहिए।', turn: 1, simulated: true },
      {
        role: 'assistant',
        content: '',
        turn: 1,
        step: 1,
        tool_calls: [{ id: 'call_1', name: 'refund_order', arguments: '{"order_id":"1234"}' }],
      },
      {
        role: 'tool',
        content: '{"ref":"R-77"}',
        turn: 1,
        step: 1,
        tool_call_id: 'call_1',
        name: 'refund_order',
      },
      { role: 'assistant', content: 'रिफंड हो गया (R-77)।', turn: 1, step: 2 },
    ],
    steps: 2,
    turns: 1,
    simulation: { ended: 'goal', final: '[GOAL MET]', calls: 2 },
  };

  it('shows the grader the goal, the persona and the whole dialogue with its tool calls', async () => {
    const grade = fakeGrader('{"reason":"refunded","pass":true,"score":1}');
    const ctx = context({ lang: 'hi', grade });
    ctx.case = {
      ...ctx.case,
      simulate: { persona: 'An impatient customer', goal: 'Refund 1234', max_turns: 4 },
    };
    ctx.transcript = transcript;
    const v = await compileAssertion(spec('goal-met'))('रिफंड हो गया (R-77)।', ctx);
    expect(v).toEqual({ pass: true, score: 1, reason: 'refunded' });
    const prompt = grade.calls[0]!.messages[0]!.content;
    expect(prompt).toContain('<goal>\nRefund 1234\n</goal>');
    expect(prompt).toContain('<persona>\nAn impatient customer\n</persona>');
    expect(prompt).toContain('<conversation turns="1" ended="goal">');
    expect(prompt).toContain('USER: मुझे रिफंड चाहिए।\n\nASSISTANT CALLS refund_order({"order_id":"1234"})');
    expect(prompt).toContain('TOOL refund_order: {"ref":"R-77"}');
    expect(prompt).toContain('USER: [GOAL MET]');
    expect(prompt).not.toContain('You are a shop bot.');
    expect(grade.calls[0]!.params).toEqual({ temperature: 0, response_format: { type: 'json_object' } });
  });

  it("judges a scripted conversation's goal, and is an evaluation error without one", async () => {
    const grade = fakeGrader('{"reason":"no","pass":false,"score":0}');
    const ctx = context({ grade });
    ctx.case = { ...ctx.case, goal: 'Refund 1234' };
    ctx.transcript = { ...transcript, simulation: undefined } as Transcript;
    const v = await compileAssertion(spec('goal-met'))('', ctx);
    expect(v.pass).toBe(false);
    expect(grade.calls[0]!.messages[0]!.content).not.toContain('<persona>');
    await expect(compileAssertion(spec('goal-met'))('', context({ grade }))).rejects.toThrow(
      /neither a simulated user .* nor a conversation with a `goal`/,
    );
  });
});
