/** `simulate:` in suites: how it loads into cases, and what validate says about it and `goal-met`. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandCases } from '../../../src/suite/expand.js';
import { loadSuites } from '../../../src/suite/load.js';
import { suiteProblems } from '../../utils/suite-problems.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-simulate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const problems = (name: string, yaml: string) => suiteProblems(dir, name, yaml);

describe('simulate in suites', () => {
  it('renders persona and goal per case, sends only the system prompt, and defaults max_turns', async () => {
    const yaml = [
      'system: "You are the support bot of a shop."',
      'prompts: { short: "Hi" }',
      'vars: { order: "1234" }',
      'tests:',
      '  - id: refund',
      '    lang: hi',
      '    simulate:',
      '      persona: "An impatient customer who writes in Hindi"',
      '      goal: "Get a refund for order {{order}}"',
      '      model: qwen-plus',
      '    assert: [{ type: goal-met }, { type: turns, max: 5 }]',
      '  - id: plain',
      '    simulate: { goal: "Ask about shipping" }',
    ].join('\n');
    await writeFile(join(dir, 'ok.yaml'), yaml);
    const { suites } = await loadSuites(['ok.yaml'], { cwd: dir });
    const cases = await expandCases(suites);
    expect(cases.map((c) => c.id)).toEqual(['ok/refund/qwen-max#0', 'ok/plain/qwen-max#0']);
    const [refund, plain] = cases;
    expect(refund?.request.messages).toEqual([
      { role: 'system', content: 'You are the support bot of a shop.' },
    ]);
    expect(refund?.simulate).toEqual({
      persona: 'An impatient customer who writes in Hindi',
      goal: 'Get a refund for order 1234',
      max_turns: 6,
      model: 'qwen-plus',
    });
    expect(refund?.lang).toBe('hi');
    expect(plain?.simulate).toEqual({
      persona: 'A user of this assistant',
      goal: 'Ask about shipping',
      max_turns: 6,
    });
  });

  it('takes a goal beside a scripted conversation, and refuses it elsewhere', async () => {
    const yaml = [
      'vars: { order: "1234" }',
      'tests:',
      '  - id: talk',
      '    goal: "A refund for order {{order}}"',
      '    conversation: [{ user: "I want a refund." }, { user: "Order 1234." }]',
      '    assert: [{ type: goal-met }]',
    ].join('\n');
    await writeFile(join(dir, 'goal.yaml'), yaml);
    const { suites } = await loadSuites(['goal.yaml'], { cwd: dir });
    const [talk] = await expandCases(suites);
    expect(talk?.goal).toBe('A refund for order 1234');
    const found = await problems(
      'misplaced.yaml',
      [
        'tests:',
        '  - id: a',
        '    prompt: "Hello"',
        '    goal: "A refund"',
        '  - id: b',
        '    simulate: { goal: "Refund" }',
        '    goal: "A refund"',
      ].join('\n'),
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^misplaced\.yaml:4:5 .*`goal` says what the user of a scripted `conversation` wants/,
      ),
      expect.stringMatching(/^misplaced\.yaml:7:5 .*a simulated user's goal goes in `simulate\.goal`/),
    ]);
  });

  it('positions goal-met without simulate, a prompt beside simulate, and bad simulate fields', async () => {
    const found = await problems(
      'bad.yaml',
      [
        'tests:',
        '  - id: a',
        '    prompt: "Hello"',
        '    assert: [{ type: goal-met }]',
        '  - id: b',
        '    prompt: "Hello"',
        '    simulate: { goal: "Refund" }',
        '  - id: c',
        '    simulate: { persona: "x", max_turns: 0, mood: angry }',
        '  - id: d',
        '    simulate: { goal: "Refund", max_turns: 2 }',
        '    assert: [{ type: turns, min: 3 }]',
      ].join('\n'),
    );
    expect(found.join('\n')).toMatch(/bad\.yaml:4:22 .*goal-met judges whether a user reached its goal/);
    expect(found.join('\n')).toMatch(/bad\.yaml:6:5 .*a test with `simulate:` gives no `prompt`/);
    expect(found.some((d) => d.startsWith('bad.yaml:9:') && /goal/.test(d))).toBe(true);
    expect(found.some((d) => /max_turns/.test(d) && d.startsWith('bad.yaml:9:'))).toBe(true);
    expect(found.some((d) => /mood/.test(d) && d.startsWith('bad.yaml:9:'))).toBe(true);
    expect(found.join('\n')).toMatch(
      /bad\.yaml:12:\d+ .*warning: turns: min 3 is more than simulate\.max_turns \(2\), so this assertion can never pass/,
    );
  });
});
