/** Semantic checks that need more than one file or one test to show. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/errors.js';
import { loadSuites } from '../../../src/suite/load.js';
import { suiteProblems } from '../../utils/suite-problems.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-checks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errorsOf = (name: string, yaml: string) => suiteProblems(dir, name, yaml, { errorsOnly: true });

describe('semantic checks', () => {
  it('reports an undefined var of a shared template once, not once per test', async () => {
    const tests = Array.from({ length: 50 }, (_, i) => `  - { id: t${i}, prompt: "p" }`).join('\n');
    expect(await errorsOf('shared.yaml', `system: "Reply in {{language}}"\ntests:\n${tests}\n`)).toEqual([
      'shared.yaml:1:9  system  template uses {{language}} but no var "language" is defined for test "t0" (vars: lang, model, test)',
    ]);
  });

  it('accepts vars from the suite, the test, defaults and built-ins; skips each/with bodies', async () => {
    const yaml = [
      'vars: { a: 1 }',
      'defaults: { vars: { b: 2 } }',
      'tests:',
      '  - id: x',
      '    vars: { items: [1, 2], c: 3 }',
      '    prompt: "{{a}} {{b}} {{c}} {{lang}} {{model}} {{test.id}} {{#each items}}{{this}} {{whatever}}{{/each}}"',
    ].join('\n');
    expect(await errorsOf('vars.yaml', yaml)).toEqual([]);
  });

  it('checks parameters against every model of the suite', async () => {
    const yaml =
      'models: [alibaba/qwen3.7-max, qwen-max]\nparams: { max_completion_tokens: 50 }\ntests: [{ id: a, prompt: hi }]\n';
    expect(await errorsOf('models.yaml', yaml)).toEqual([
      'models.yaml:2:11  params.max_completion_tokens  request parameter "max_completion_tokens" is not accepted by qwen-max (did you mean max_tokens?)',
    ]);
  });

  it('rejects a test whose assertions all weigh 0, and a threshold without assertions', async () => {
    const yaml = [
      'tests:',
      '  - id: a',
      '    prompt: hi',
      '    assert: [{ type: contains, value: x, weight: 0 }]',
      '  - id: b',
      '    prompt: hi',
      '    threshold: 0.5',
    ].join('\n');
    expect(await errorsOf('weights.yaml', yaml)).toEqual([
      'weights.yaml:4:13  tests[0].assert  every assertion has weight 0, so the test score is undefined',
      'weights.yaml:7:16  tests[1].threshold  `threshold` is set but the test has no assertions',
    ]);
  });

  it('reports every problem of a file at once, top to bottom', async () => {
    const yaml = [
      'name: many',
      'modles: [qwen-max]',
      'tests:',
      '  - id: a',
      '    prompt: "{{x}}"',
      '    assert: [{ type: regex, value: "(" }]',
      '  - id: a',
      '    prompt: hi',
      '    repeat: 0',
    ].join('\n');
    const lines = await errorsOf('many.yaml', yaml);
    expect(lines.map((l) => l.split('  ')[0])).toEqual([
      'many.yaml:2:1',
      'many.yaml:5:13',
      'many.yaml:6:36',
      'many.yaml:7:9',
      'many.yaml:9:13',
    ]);
  });

  it('accepts a language map of messages and a test id given as a number', async () => {
    const yaml = 'tests:\n  - id: 7\n    messages:\n      en: [{ role: user, content: hi }]\n';
    expect(await errorsOf('num.yaml', yaml)).toEqual([]);
    const { suites } = await loadSuites(['num.yaml'], { cwd: dir });
    expect(suites[0]!.tests[0]!.id).toBe('7');
  });
});

describe('defaults.prompt', () => {
  it('is inherited by tests without their own prompt, and by dataset rows', async () => {
    await writeFile(join(dir, 'rows.jsonl'), '{"id": "r1", "city": "Oslo"}\n');
    const yaml = ['defaults:', '  prompt: "Weather in {{city}}?"', 'tests: file://rows.jsonl'].join('\n');
    expect(await errorsOf('inherit.yaml', yaml)).toEqual([]);
    const { suites } = await loadSuites(['inherit.yaml'], { cwd: dir });
    expect(suites[0]!.tests[0]!.prompt).toBe('Weather in {{city}}?');
    const own =
      'defaults: { prompt: "Default {{x}}" }\ntests:\n  - { id: a, vars: { x: 1 } }\n  - { id: b, prompt: own }\n';
    expect(await errorsOf('own.yaml', own)).toEqual([]);
    const loaded = (await loadSuites(['own.yaml'], { cwd: dir })).suites[0]!;
    expect(loaded.tests.map((t) => t.prompt)).toEqual(['Default {{x}}', 'own']);
  });

  it('reports an undefined var of the default prompt at the defaults', async () => {
    const yaml = 'defaults: { prompt: "Hi {{who}}" }\ntests: [{ id: a }]\n';
    expect(await errorsOf('defvar.yaml', yaml)).toEqual([
      'defvar.yaml:1:21  defaults.prompt  template uses {{who}} but no var "who" is defined for test "a" (vars: lang, model, test)',
    ]);
  });
});

describe('a suite written on one line', () => {
  it('is read on the fast path and positions a problem deep in the line by its column', async () => {
    const tests = Array.from(
      { length: 6000 },
      (_, i) =>
        `{id: t${i}, prompt: "say hello ${i}", assert: [{type: ${i === 5000 ? 'containz' : 'contains'}, value: hello}]}`,
    );
    const yaml = `{name: one-line, tests: [${tests.join(', ')}]}`;
    const col = yaml.indexOf('containz') + 1;
    const errors = await errorsOf('one-line.yaml', yaml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^one-line\\.yaml:1:${col} {2}tests\\[5000\\]\\.assert\\[0\\]\\.type`),
    );
  });
});

describe('json-schema values', () => {
  it('are checked against their meta-schema at their line, a valid one passes', async () => {
    const errors = await errorsOf(
      'schema.yaml',
      `name: schema
tests:
  - id: a
    prompt: hi
    assert:
      - { type: json-schema, value: { type: 12 } }
      - { type: json-schema, value: { type: object, required: [n], properties: { n: { type: integer } } } }
      - { type: json-schema, value: { $schema: "https://json-schema.org/draft/2020-12/schema", prefixItems: [{ type: string }] } }
`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^schema\.yaml:6:\d+ {2}tests\[0\]\.assert\[0\]\.value {2}json-schema: the value is not a valid JSON Schema: schema\/type must be/,
    );
  });
});

describe('an unclosed quote', () => {
  it('is reported where it opened, not where the file ends', async () => {
    const errors = await errorsOf(
      'quote.yaml',
      `name: quote
tests:
  - { id: a, prompt: 'it''s "fine"' }
  - id: b
    prompt: 'unterminated
    assert: []
  - id: c
    prompt: hi
`,
    );
    expect(errors).toEqual([
      'quote.yaml:5:13  (document)  YAML syntax error: unclosed quote opened at 5:13; the string runs on to the end of the file — close it',
    ]);
  });
});

describe('a file:// outside the suite folder', () => {
  it('is a warning that names the path it reads', async () => {
    await writeFile(
      join(dir, 'outside.yaml'),
      'name: outside\ntests:\n  - id: a\n    prompt: file:///etc/hostname\n',
    );
    const { warnings } = await loadSuites(['outside.yaml'], { cwd: dir });
    expect(warnings.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^outside\.yaml:4:13 {2}tests\[0\]\.prompt {2}warning: prompt file file:\/\/\/etc\/hostname is outside the suite's folder \(\/etc\/hostname\); its content is read and sent/,
      ),
    ]);
  });
});

describe('a suite name', () => {
  it('may be any display text: its slug names case ids and the cassette, an id-safe name stays as it is', async () => {
    await writeFile(
      join(dir, 'display.yaml'),
      'name: Support bot — Arabic\ntests:\n  - { id: a, prompt: hi }\n',
    );
    await writeFile(join(dir, 'plain.yaml'), 'name: Greetings_v2\ntests:\n  - { id: a, prompt: hi }\n');
    const { suites } = await loadSuites(['display.yaml', 'plain.yaml'], { cwd: dir });
    expect(suites.map((s) => [s.name, s.title])).toEqual([
      ['support-bot-arabic', 'Support bot — Arabic'],
      ['Greetings_v2', undefined],
    ]);
    expect(await errorsOf('ctl.yaml', 'name: "bad\\u001b[2J"\ntests:\n  - { id: a, prompt: hi }\n')).toEqual([
      expect.stringMatching(/^ctl\.yaml:1:7 {2}name /),
    ]);
  });
});
