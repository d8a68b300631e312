/**
 * Every malformed fixture gives exactly the expected first diagnostic: file:line:col, path in the
 * document, and message — and nothing ever escapes as anything but a ValidationError.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/contracts/diagnostic.js';
import { ValidationError } from '../../../src/errors.js';
import { loadSuites } from '../../../src/suite/load.js';

const dir = fileURLToPath(new URL('../../fixtures/suites/malformed/', import.meta.url));

/** Loads and returns the diagnostics of the ValidationError it must throw, and the time taken. */
async function diagnosticsOf(file: string, cwd = dir): Promise<{ errors: Diagnostic[]; ms: number }> {
  const start = performance.now();
  try {
    await loadSuites([file], { cwd });
  } catch (err) {
    const ms = performance.now() - start;
    expect(err).toBeInstanceOf(ValidationError);
    return { errors: (err as ValidationError).diagnostics.filter((d) => d.severity !== 'warning'), ms };
  }
  throw new Error(`${file} loaded without an error`);
}

// [fixture, where (file:line:col), path in the document, message (substring), suggestion?]
const table: Array<[string, string, string, string, string?]> = [
  ['yaml-syntax.yaml', 'yaml-syntax.yaml:4:13', '', 'YAML syntax error: unclosed quote opened at 4:13'],
  ['duplicate-key.yaml', 'duplicate-key.yaml:3:1', '', 'duplicate key "models"'],
  [
    'top-level-list.yaml',
    'top-level-list.yaml:1:1',
    '',
    'must be a mapping (name:, models:, tests: …), found a list',
  ],
  ['empty.yaml', 'empty.yaml:1:1', '', 'suite file is empty'],
  ['comment-only.yaml', 'comment-only.yaml:1:1', '', 'suite file is empty'],
  ['missing-tests.yaml', 'missing-tests.yaml:1:1', '', 'missing required property "tests"'],
  ['unknown-top-key.yaml', 'unknown-top-key.yaml:2:1', 'model', 'unknown property "model"', 'models'],
  [
    'unknown-test-key.yaml',
    'unknown-test-key.yaml:4:5',
    'tests[0].promt',
    'unknown property "promt"',
    'prompt',
  ],
  [
    'unknown-assertion-type.yaml',
    'unknown-assertion-type.yaml:6:17',
    'tests[0].assert[0].type',
    'unknown assertion type "containz"',
    'contains',
  ],
  [
    'unknown-assertion-option.yaml',
    'unknown-assertion-option.yaml:6:37',
    'tests[0].assert[0].flags',
    'unknown option "flags" for assertion type contains',
  ],
  [
    'missing-assertion-value.yaml',
    'missing-assertion-value.yaml:6:9',
    'tests[0].assert[0]',
    'missing required property "value"',
  ],
  [
    'bad-regex.yaml',
    'bad-regex.yaml:7:16',
    'tests[0].assert[0].value',
    'regex does not compile: /[a-z/: Unterminated character class',
  ],
  [
    'bad-regex-flags.yaml',
    'bad-regex-flags.yaml:6:44',
    'tests[0].assert[0].flags',
    'must be regex flags from d, g, i, m, s, u, v, y, got "x"',
  ],
  [
    'undefined-var.yaml',
    'undefined-var.yaml:5:13',
    'tests[0].prompt',
    'template uses {{nmae}} but no var "nmae" is defined for test "a"',
    'name',
  ],
  ['template-syntax.yaml', 'template-syntax.yaml:4:13', 'tests[0].prompt', 'template does not compile'],
  [
    'unknown-param.yaml',
    'unknown-param.yaml:3:11',
    'params.temprature',
    'unknown request parameter "temprature" for qwen-max',
    'temperature',
  ],
  [
    'param-out-of-range.yaml',
    'param-out-of-range.yaml:4:16',
    'params.temperature',
    'temperature: 2.5 is not allowed for qwen-max; expected a number from 0 to 2',
  ],
  [
    'param-not-for-model.yaml',
    'param-not-for-model.yaml:6:15',
    'tests[0].params.max_completion_tokens',
    '"max_completion_tokens" is not accepted by qwen-max',
    'max_tokens',
  ],
  [
    'duplicate-test-id.yaml',
    'duplicate-test-id.yaml:5:9',
    'tests[1].id',
    'duplicate test id "same" (first used at line 3)',
  ],
  [
    'missing-prompt-file.yaml',
    'missing-prompt-file.yaml:4:13',
    'tests[0].prompt',
    'prompt file not found: file://prompts/nope.hbs',
  ],
  [
    'missing-schema-file.yaml',
    'missing-schema-file.yaml:6:37',
    'tests[0].assert[0].value',
    'JSON schema file not found: file://schemas/nope.json',
  ],
  [
    'missing-dataset.yaml',
    'missing-dataset.yaml:3:8',
    'tests',
    'dataset file not found: file://data/nope.csv',
  ],
  ['bad-threshold.yaml', 'bad-threshold.yaml:5:16', 'tests[0].threshold', 'must be <= 1, got 1.5'],
  ['bad-pass-rate.yaml', 'bad-pass-rate.yaml:6:16', 'tests[0].pass_rate', 'must be >= 0, got -0.1'],
  ['bad-weight.yaml', 'bad-weight.yaml:6:46', 'tests[0].assert[0].weight', 'must be >= 0, got -1'],
  [
    'threshold-on-binary.yaml',
    'threshold-on-binary.yaml:6:38',
    'tests[0].assert[0].threshold',
    '"threshold" applies to scored assertion types only',
  ],
  ['no-prompt.yaml', 'no-prompt.yaml:3:5', 'tests[0]', 'test has nothing to send'],
  [
    'prompt-and-messages.yaml',
    'prompt-and-messages.yaml:6:7',
    'tests[0].messages',
    'give either `prompt` or `messages`, not both',
  ],
  [
    'bad-role.yaml',
    'bad-role.yaml:5:17',
    'tests[0].messages[0].role',
    '"robot" is not allowed; must be one of system, user, assistant, tool',
  ],
  [
    'bad-prompt-map-lang.yaml',
    'bad-prompt-map-lang.yaml:5:7',
    'tests[0].prompt.english',
    '"english" is not a language tag',
  ],
  ['models-wrong-type.yaml', 'models-wrong-type.yaml:2:9', 'models', 'must be a string or a list, got 42'],
  [
    'length-min-over-max.yaml',
    'length-min-over-max.yaml:6:43',
    'tests[0].assert[0].min',
    'min (10) is greater than max (2)',
  ],
  [
    'length-no-bound.yaml',
    'length-no-bound.yaml:6:9',
    'tests[0].assert[0]',
    'needs at least one of "min", "max"',
  ],
  [
    'negated-model-graded.yaml',
    'negated-model-graded.yaml:6:17',
    'tests[0].assert[0].type',
    'llm-rubric is model-graded or custom and cannot be negated',
  ],
  ['bad-suite-name.yaml', 'bad-suite-name.yaml:1:7', 'name', 'must be text without control characters'],
  ['tab-indent.yaml', 'tab-indent.yaml:3:1', '', 'Tabs are not allowed as indentation'],
  ['two-documents.yaml', 'two-documents.yaml:4:1', '', 'several YAML documents'],
  ['bad-csv-dataset.yaml', 'data/bad.csv:3:1', '[2]', 'CSV row has 2 fields, the header has 3'],
  ['bad-jsonl-dataset.yaml', 'data/bad.jsonl:2:1', '', 'JSONL: '],
  [
    'undefined-dataset-var.yaml',
    'undefined-dataset-var.yaml:2:16',
    'prompts.v1',
    'template uses {{nmae}} but no var "nmae" is defined for dataset row "ana"',
    'name',
  ],
  // Hostile input.
  ['binary.yaml', 'binary.yaml:3:10', '', 'file is binary (contains a NUL byte)'],
  ['invalid-utf8.yaml', 'invalid-utf8.yaml:2:17', '', 'not valid UTF-8'],
  ['alias-bomb.yaml', 'alias-bomb.yaml:3:8', '', 'alias bomb'],
  ['deep-flow.yaml', 'deep-flow.yaml:2:72', '', 'nesting is deeper than 64 levels'],
  ['deep-block.yaml', 'deep-block.yaml:66:129', '', 'nesting is deeper than 64 levels'],
];

describe('malformed suites', () => {
  it.each(table)('%s → %s', async (fixture, where, path, message, suggestion) => {
    const { errors, ms } = await diagnosticsOf(fixture);
    const first = errors[0]!;
    expect(`${first.file}:${first.line}:${first.col}`).toBe(where);
    expect(first.path).toBe(path);
    expect(first.message).toContain(message);
    if (suggestion !== undefined) expect(first.suggestion).toBe(suggestion);
    // One clear problem per fixture: nothing piles up behind the first.
    expect(errors).toHaveLength(1);
    if (ms > 250) console.log(`${fixture}: ${ms.toFixed(0)} ms`);
  });

  it('has at least 20 malformed fixtures', () => {
    expect(table.length).toBeGreaterThanOrEqual(20);
  });

  it('reports every error of every file at once', async () => {
    try {
      await loadSuites(['undefined-var.yaml', 'unknown-param.yaml', 'bad-regex.yaml', 'empty.yaml'], {
        cwd: dir,
      });
      expect.unreachable();
    } catch (err) {
      const diags = (err as ValidationError).diagnostics;
      expect(diags.map((d) => d.file).sort()).toEqual([
        'bad-regex.yaml',
        'empty.yaml',
        'undefined-var.yaml',
        'unknown-param.yaml',
      ]);
      expect((err as ValidationError).message).toBe('4 errors in 4 files');
    }
  });
});

describe('hostile input generated on the fly', () => {
  let tmp: string;
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('refuses a 50 MB file without parsing it', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'qeval-big-'));
    const line = '  - { id: x, prompt: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }\n';
    await writeFile(
      join(tmp, 'big.yaml'),
      `name: big\ntests:\n${line.repeat(Math.ceil((50 * 1024 * 1024) / line.length))}`,
    );
    const { errors, ms } = await diagnosticsOf('big.yaml', tmp);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'big.yaml', line: 1, col: 1 });
    expect(errors[0]!.message).toMatch(/^suite file is 50\.0 MB; at most 10 MB is read/);
    console.log(`50 MB file refused in ${ms.toFixed(1)} ms`);
  });

  it('refuses 100,000 nested flow sequences quickly', async () => {
    tmp ??= await mkdtemp(join(tmpdir(), 'qeval-big-'));
    await writeFile(join(tmp, 'nest.yaml'), `name: nest\ntests: ${'['.repeat(100_000)}`);
    const { errors, ms } = await diagnosticsOf('nest.yaml', tmp);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'nest.yaml', line: 2, col: 72 });
    expect(errors[0]!.message).toContain('nesting is deeper than 64 levels');
    console.log(`100,000-deep nesting refused in ${ms.toFixed(1)} ms`);
  });

  it('refuses random binary garbage', async () => {
    tmp ??= await mkdtemp(join(tmpdir(), 'qeval-big-'));
    const bytes = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    await writeFile(join(tmp, 'garbage.yaml'), bytes);
    const { errors } = await diagnosticsOf('garbage.yaml', tmp);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/binary|UTF-8/);
  });
});
