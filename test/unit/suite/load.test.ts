/** Loading: defaults merging, file:// prompts, datasets, ids, warnings, file discovery. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, ValidationError } from '../../../src/errors.js';
import { findSuiteFiles, ignoredGlobs, loadSuites, suiteFilesIn } from '../../../src/suite/load.js';
import type { Suite } from '../../../src/suite/types.js';

const valid = fileURLToPath(new URL('../../fixtures/suites/valid/', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

async function loadOne(file: string): Promise<Suite> {
  const { suites } = await loadSuites([file], { cwd: valid });
  expect(suites).toHaveLength(1);
  return suites[0]!;
}

describe('loadSuites on the full fixture', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await loadOne('full.yaml');
  });

  it('reads the suite fields and resolves file:// templates relative to the suite', () => {
    expect(suite.name).toBe('full');
    expect(suite.file).toBe('full.yaml');
    expect(suite.dir).toBe(valid.replace(/\/$/, ''));
    expect(suite.models).toEqual(['qwen-max', 'qwen-max-2025-01-25']);
    expect(suite.system).toBe('You are concise. Reply in {{language}}.');
    expect(suite.prompts).toEqual({
      v1: 'Greet {{name}}.',
      v2: 'Say hello to {{name}} in {{language}}, as {{model}}.',
    });
    expect(suite.vars).toEqual({ language: 'English', name: 'Ana' });
  });

  it('merges defaults into every test: asserts first, params over the suite, tags joined, repeat', () => {
    const [variants, zh] = suite.tests;
    expect(variants!.assert.map((a) => a.type)).toEqual(['latency']);
    expect(variants!.tags).toEqual(['smoke', 'greeting']);
    expect(variants!.repeat).toBe(2);
    expect(variants!.params).toEqual({ temperature: 0, max_tokens: 200, seed: 7, top_p: 0.9 });
    expect(zh!.assert.map((a) => a.type)).toEqual([
      'latency',
      'language',
      'contains',
      'contains-any',
      'llm-rubric',
    ]);
    expect(zh!.params).toEqual({ temperature: 0, max_tokens: 100, seed: 7, top_p: 0.9 });
    expect(zh!.repeat).toBe(1);
    expect(zh!.threshold).toBe(0.5);
    expect(zh!.pass_rate).toBe(0.8);
    expect(zh!.vars).toEqual({ language: 'Chinese', name: '李雷' });
  });

  it('gives ids: written, slug of the name, keeps assertion positions and weights', () => {
    expect(suite.tests.map((t) => t.id)).toEqual([
      'variants',
      'greets-in-chinese',
      'refund',
      'chat',
      'chat-map',
    ]);
    const zh = suite.tests[1]!;
    expect(zh.pos).toEqual({ file: 'full.yaml', line: 19, col: 5 });
    const anyOf = zh.assert.find((a) => a.type === 'contains-any')!;
    expect(anyOf.weight).toBe(2);
    expect(anyOf.pos).toEqual({ file: 'full.yaml', line: 30, col: 9 });
    expect(zh.assert.find((a) => a.type === 'latency')!.weight).toBe(1);
  });

  it('keeps prompt maps, messages and skip as written', () => {
    const refund = suite.tests[2]!;
    expect(refund.prompt).toEqual({
      en: 'What is your refund policy for {{test.id}}?',
      zh: '你们的退款政策是什么？',
    });
    expect(suite.tests[3]!.skip).toBe(true);
    expect(suite.tests[3]!.messages).toHaveLength(2);
    expect(Object.keys(suite.tests[4]!.messages as object)).toEqual(['fr', 'de']);
  });
});

describe('datasets', () => {
  it('turns CSV rows into tests: header names vars, quoted commas and quotes kept, id column', async () => {
    const suite = await loadOne('dataset-csv.yaml');
    expect(suite.tests.map((t) => t.id)).toEqual(['ana', 'chen', 'obrien']);
    expect(suite.tests[1]!.vars).toEqual({ id: 'chen', name: 'Chen, Wei', city: 'Beijing' });
    expect(suite.tests[2]!.vars.name).toBe('O"Brien');
    expect(suite.tests[0]!.pos).toEqual({ file: 'data/people.csv', line: 2, col: 1 });
    expect(suite.tests[0]!.assert.map((a) => a.value)).toEqual(['{{name}}']);
  });

  it('reads JSONL rows (blank lines skipped) with the row index as default id', async () => {
    const suite = await loadOne('dataset-jsonl.yaml');
    expect(suite.tests.map((t) => t.id)).toEqual(['hello', '1']);
    expect(suite.tests[1]!.vars).toEqual({ text: 'good night', lang: 'en' });
    expect(suite.tests[1]!.pos.line).toBe(3);
  });

  it('reads YAML rows at their positions', async () => {
    const suite = await loadOne('dataset-yaml.yaml');
    expect(suite.tests.map((t) => [t.id, t.vars.capital, t.pos.line])).toEqual([
      ['fr', 'Paris', 1],
      ['1', 'Tokyo', 2],
    ]);
  });
});

describe('warnings and discovery', () => {
  it('passes unknown params through for a model without a parameter list, with a warning', async () => {
    const { suites, warnings } = await loadSuites(['unknown-model.yaml'], { cwd: valid });
    expect(suites[0]!.params).toEqual({ temprature: 0.5 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', line: 3, col: 11, suggestion: 'temperature' });
  });

  it('finds suites in a directory, skipping datasets they read and cassettes', async () => {
    const files = await findSuiteFiles(['test/fixtures/suites/valid'], repo);
    expect(files.map((f) => f.slice(valid.length))).toContain('data/capitals.yaml');
    const { suites } = await loadSuites(['test/fixtures/suites/valid'], { cwd: repo });
    expect(suites.map((s) => s.name).sort()).toEqual([
      'dataset-csv',
      'dataset-jsonl',
      'dataset-yaml',
      'full',
      'unknown-model',
    ]);
  });

  it('walks a directory as the glob **/*.{yaml,yml} would, without loading the glob library', async () => {
    const root = await mkdtemp(join(tmpdir(), 'qeval-walk-'));
    try {
      const files = [
        'a.yaml',
        'b.yml',
        'c.YAML',
        'notes.txt',
        '.hidden.yaml',
        'qeval.config.yaml',
        'deep/er/d.yaml',
        'deep/qeval.config.yml',
        'deep/__cassettes__/a.json',
        'deep/__cassettes__/x.yaml',
        'node_modules/pkg/p.yaml',
        '.git/g.yaml',
        'x.yaml.bak',
        'dir.yaml/inner.yml',
      ];
      for (const f of files) {
        await mkdir(join(root, f, '..'), { recursive: true });
        await writeFile(join(root, f), 'tests: []\n');
      }
      // A linked directory is walked; a link back up is not walked twice.
      await symlink(join(root, 'deep'), join(root, 'linked'));
      await symlink(root, join(root, 'deep', 'er', 'loop'));
      await symlink(join(root, 'a.yaml'), join(root, 'alias.yaml'));
      await symlink(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
      const ours = (await suiteFilesIn(root)).map((f) => f.slice(root.length + 1)).sort();
      expect(ours).toContain('a.yaml');
      expect(ours).toContain('alias.yaml');
      expect(ours).toContain('deep/er/d.yaml');
      expect(ours).toContain('dir.yaml/inner.yml');
      expect(ours).not.toContain('c.YAML');
      expect(ours.filter((f) => f.includes('__cassettes__') || f.includes('node_modules'))).toEqual([]);
      // The glob (tinyglobby, still used for patterns) finds the same files, up to the loop.
      const globbed = await glob('**/*.{yaml,yml}', {
        cwd: root,
        ignore: ignoredGlobs,
        dot: false,
      });
      const noLoop = (list: string[]) => list.filter((f) => !f.includes('/loop/'));
      expect(noLoop(ours)).toEqual(noLoop(globbed).sort());
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('says which path matched nothing', async () => {
    await expect(findSuiteFiles(['nope/'], repo)).rejects.toBeInstanceOf(InputError);
    await expect(findSuiteFiles(['nope/'], repo)).rejects.toThrow('suite path not found: nope/');
    await expect(findSuiteFiles(['nope/**/*.yaml'], repo)).rejects.toThrow(
      'no suite files match nope/**/*.yaml',
    );
  });

  it('loads the shipped example suites without an error', async () => {
    const { suites } = await loadSuites(['suites'], { cwd: repo });
    const multi = suites.find((s) => s.name === 'multilingual')!;
    expect(multi.tests.length).toBeGreaterThanOrEqual(8);
    const langs = new Set(multi.tests.flatMap((t) => Object.keys((t.prompt as object) ?? {})));
    expect(langs.size).toBeGreaterThanOrEqual(12);
  });
});

describe('suite names across files', () => {
  let tmp: string;
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('rejects two files with the same suite name and names both', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'qeval-names-'));
    await mkdir(join(tmp, 'a'));
    await writeFile(join(tmp, 'a', 'x.yaml'), 'name: same\ntests: [{ id: t, prompt: hi }]\n');
    await writeFile(join(tmp, 'y.yaml'), 'name: same\ntests: [{ id: t, prompt: hi }]\n');
    const err = await loadSuites(['.'], { cwd: tmp }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const d = (err as ValidationError).diagnostics[0]!;
    expect(d.file).toBe('y.yaml');
    expect(d.message).toBe(
      'suite name "same" is also used by a/x.yaml; case ids and cassettes need unique suite names',
    );
  });
});

describe('default models', () => {
  it('gives suites without models the configured default, else qwen-max', async () => {
    const named = (await loadSuites(['unknown-model.yaml'], { cwd: valid, defaultModels: ['x'] })).suites[0]!;
    expect(named.models).toEqual(['acme/own-model']);
    const dir = await mkdtemp(join(tmpdir(), 'qeval-models-'));
    await writeFile(join(dir, 's.yaml'), 'tests: [{ id: a, prompt: hi }]\n');
    expect((await loadSuites(['s.yaml'], { cwd: dir })).suites[0]!.models).toEqual(['qwen-max']);
    expect(
      (await loadSuites(['s.yaml'], { cwd: dir, defaultModels: ['alibaba/qwen3-max-instruct'] })).suites[0]!
        .models,
    ).toEqual(['alibaba/qwen3-max-instruct']);
    await rm(dir, { recursive: true, force: true });
  });
});
