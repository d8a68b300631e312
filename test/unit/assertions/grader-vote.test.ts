import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { combineVotes } from '../../../src/assertions/grader-vote.js';
import type { GradeFn } from '../../../src/assertions/types.js';
import type { GraderVerdict } from '../../../src/contracts/result.js';
import { context, response, spec } from './helpers.js';

const verdict = (model: string, pass: boolean, score: number): GraderVerdict => ({
  model,
  pass,
  score,
  reason: `${model} says ${pass}`,
});

describe('combineVotes', () => {
  const twoOfThree = [verdict('a', true, 0.9), verdict('b', true, 0.8), verdict('c', false, 0.1)];

  it('majority: more than half pass; a tie fails', () => {
    expect(combineVotes(twoOfThree, 'majority', undefined)).toMatchObject({ pass: true, vote: 'majority' });
    const tie = [verdict('a', true, 1), verdict('b', false, 0)];
    expect(combineVotes(tie, 'majority', undefined).pass).toBe(false);
  });

  it('all: one dissenter fails the assertion', () => {
    const v = combineVotes(twoOfThree, 'all', undefined);
    expect(v.pass).toBe(false);
    expect(v.reason).toContain('2 of 3 grader(s) pass, all must');
  });

  it('mean: the mean score against the threshold (default 0.5), score is the mean', () => {
    const v = combineVotes(twoOfThree, 'mean', undefined);
    expect(v.score).toBeCloseTo(0.6);
    expect(v.pass).toBe(true);
    expect(combineVotes(twoOfThree, 'mean', 0.7).pass).toBe(false);
  });

  it("keeps each grader's verdict, score and reason in order", () => {
    expect(combineVotes(twoOfThree, 'majority', undefined).graders).toEqual(twoOfThree);
  });
});

/** A grader whose answer depends on the model asked. */
function byModel(answers: Record<string, string>): GradeFn & { models: string[] } {
  const models: string[] = [];
  const fn = (async (req) => {
    models.push(req.model);
    const output = answers[req.model];
    if (output === undefined) throw new Error(`no such model ${req.model}`);
    return response(output);
  }) as GradeFn & { models: string[] };
  fn.models = models;
  return fn;
}

describe('llm-rubric with graders that vote', () => {
  const answers = {
    a: '{"pass":true,"score":1,"reason":"fine"}',
    b: '{"pass":true,"score":0.9,"reason":"good"}',
    c: '{"pass":false,"score":0.2,"reason":"too long"}',
  };

  it('calls every grader once, with the suite params over temperature 0, and reports each verdict', async () => {
    const grade = byModel(answers);
    const ctx = {
      ...context({ grade }),
      grader: { models: ['a', 'b', 'c'], vote: 'majority' as const, params: { temperature: 0.7 } },
    };
    const v = await compileAssertion(spec('llm-rubric', { value: 'short' }))('Hi', ctx);
    expect(grade.models.sort()).toEqual(['a', 'b', 'c']);
    expect(v.pass).toBe(true);
    expect(v.graders!.map((g) => [g.model, g.pass, g.reason])).toEqual([
      ['a', true, 'fine'],
      ['b', true, 'good'],
      ['c', false, 'too long'],
    ]);
  });

  it("an assertion's own vote wins; a failing grader is an evaluation error naming it", async () => {
    const ctx = { ...context({ grade: byModel(answers) }), grader: { models: ['a', 'b', 'c'] } };
    const all = compileAssertion(
      spec('llm-rubric', { value: 'short', grader: { models: ['a', 'c'], vote: 'all' } }),
    );
    expect((await all('Hi', ctx)).pass).toBe(false);
    const broken = { ...ctx, grader: { models: ['a', 'zz'] } };
    await expect(compileAssertion(spec('llm-rubric', { value: 'short' }))('Hi', broken)).rejects.toThrow(
      /grader call to zz failed/,
    );
  });
});
