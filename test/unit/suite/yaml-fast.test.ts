/**
 * The fast YAML path must never change what a suite means or where a diagnostic points: on
 * every document it accepts, its value and the position of every node (and key) equal the
 * careful parser's. Checked on every YAML file in the repository, a corpus of tricky scalars
 * and layouts, and seeded random mutations of the shipped suites.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/contracts/diagnostic.js';
import { createRng } from '../../../src/stats/rng.js';
import type { PathSeg } from '../../../src/suite/document-path.js';
import { checkBlockDepth, checkFlowDepth } from '../../../src/suite/source-limits.js';
import { parseYamlFast } from '../../../src/suite/yaml-fast.js';
import { parseYamlCareful } from '../../../src/suite/yaml-source.js';
import { repoRoot } from '../../utils/cli.js';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'out' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

function* paths(v: unknown, p: PathSeg[] = []): Generator<PathSeg[]> {
  yield p;
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* paths(v[i], [...p, i]);
  else if (v !== null && typeof v === 'object')
    for (const k of Object.keys(v)) yield* paths((v as Record<string, unknown>)[k], [...p, k]);
}

/** Differences between the two paths on one document ([] when the fast path declines it). */
function differences(text: string): string[] {
  // parseYaml refuses absurd nesting before either parser sees the text.
  if (checkFlowDepth(text) ?? checkBlockDepth(text)) return [];
  const fast = parseYamlFast(text);
  if (!fast) return [];
  const diags: Diagnostic[] = [];
  const careful = parseYamlCareful(text, 'x.yaml', diags);
  if (diags.length > 0) return [`fast path accepted what the careful one refuses: ${diags[0]!.message}`];
  if (!isDeepStrictEqual(fast.value, careful.value))
    return [`values differ: ${JSON.stringify(fast.value)} vs ${JSON.stringify(careful.value)}`];
  const out: string[] = [];
  for (const p of paths(careful.value)) {
    for (const part of ['value', 'key'] as const) {
      if (part === 'key' && typeof p[p.length - 1] !== 'string') continue;
      const want = careful.locator.locate(p, part);
      const got = fast.index.at(fast.index.offset(p, part));
      if (want.line !== got.line || want.col !== got.col)
        out.push(`${JSON.stringify(p)} ${part}: ${got.line}:${got.col}, want ${want.line}:${want.col}`);
    }
  }
  return out;
}

const corpus = [
  'a: 1\nb: -2.5e3\nc: 0x1F\nd: 0o17\ne: .inf\nf: -.Inf\ng: .nan\nh: +12\ni: 1_000\nj: 012\n',
  'a: true\nb: False\nc: yes\nd: ~\ne: null\nf: NULL\ng: ""\nh: \'\'\ni: 2024-01-02\nj: 1.\n',
  "k: \"esc \\t \\x41 \\u263A \\U0001F600 \\\\ \\\" \\/ \\N \\_ \\e\"\nl: 'it''s'\n",
  'lit: |\n  line one\n\n  line three\nfold: >\n  folded\n  text\n\n  para\nkeep: |+\n  x\n\n\nstrip: >-\n  y\nind: |2\n    indented\n',
  'plain: a multi\n  line plain\n  scalar\nquoted: "a multi\n  line\n\n  quoted"\n',
  'tests:\n  - id: a   # comment\n    vars: { code: "q" }\n    prompt: |\n      hello\n    assert:\n      - { type: contains, value: "{{code}}" }\n      - type: regex\n        value: \'x\'\n      -\n        type: b\n',
  'tests:\n- id: a\n  prompt:\n  assert: []\n- id: b\n  vars: {}\n',
  '# head\n\nname:    spaced   \nmodels: [ qwen-max ,  qwen-plus ]\nparams: {temperature: 0, seed: 7}\n',
  '{ name: flow, tests: [ { id: a, prompt: p }, { id: b, prompt: "q" } ] }\n',
  'a:\n  - [1, 2, [3, {x: y}]]\n  - {k: [v, w], "quoted key": 1, \'single\': 2}\n',
  '? explicit\n: value\n? other key\n: - a\n  - b\n',
  'a: !!str 123\nb: !!int "7"\nc: !!float 1\nd: !!null ""\ne: !!bool "true"\n',
  '__proto__: { polluted: 1 }\nconstructor: x\n',
  'key with spaces: 1\n"key: colon": 2\n"": empty\n',
  'a: # comment after key\n  b: 1\n  # between\n  c: 2\n',
  'seq:\n- a\n-   b\n-\n  c\n- - nested\n  - seq\n',
  '---\nname: doc start\n...\n',
  '%YAML 1.2\n---\nname: directive\n',
  'a: "quoted"   # trailing\nb: plain # trailing\nc: [x] # trailing\n',
  'text: ünïcödé ✓ 中文 العربية\n"中文键": 值\n',
  'a: 1\r\nb:\r\n  - x\r\n  - y\r\n',
  'long: >\n  a\n   b\n  c\n',
  'n: -0\nm: 0.0\no: 1e3\np: 6.8523015e+5\nq: 685.230_15e+03\nr: 0b101\ns: :colon\n',
];

describe('fast YAML path', () => {
  it('equals the careful path on every YAML file in the repository', () => {
    const files = yamlFiles(repoRoot).filter((f) => !f.includes(`${join('bench', 'out')}`));
    expect(files.length).toBeGreaterThan(40);
    let accepted = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      if (parseYamlFast(text)) accepted++;
      expect(differences(text), relative(repoRoot, f)).toEqual([]);
    }
    // The shipped suites and most fixtures take the fast path.
    expect(accepted).toBeGreaterThan(files.length / 2);
  });

  it('equals the careful path on tricky scalars and layouts', () => {
    for (const text of corpus) expect(differences(text), text).toEqual([]);
  });

  it('keeps a __proto__ key as data, never as a prototype', () => {
    const fast = parseYamlFast('__proto__: { polluted: yes }\nname: x\n');
    expect(fast).not.toBeNull();
    expect(Object.getPrototypeOf(fast!.value)).toBe(Object.prototype);
    expect(Object.hasOwn(fast!.value as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('declines anchors, aliases, merge keys, tags it does not know and non-string keys', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'base: &b {t: 1}\nc: {<<: *b}\n',
      'c: {<<: {t: 1}}\n',
      'a: !custom 1\n',
      'a: !!binary aGk=\n',
      '1: one\n',
      'null: x\n',
      'a: 1\n---\nb: 2\n',
      '',
      '# only a comment\n',
      'a: 1\na: 2\n',
      'a: [1\n',
    ])
      expect(parseYamlFast(text), JSON.stringify(text)).toBeNull();
  });

  it('equals the careful path on 1,500 seeded mutations of the shipped suites', () => {
    const dir = join(repoRoot, 'suites');
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    const rand = createRng(7);
    const bits = [
      '  ',
      '- ',
      ': ',
      '# c',
      '"',
      "'",
      '|',
      '>',
      '{',
      '}',
      '[',
      ']',
      ',',
      '? ',
      '\t',
      '!!str ',
      'x',
      '&a ',
      '*a',
      '<<: ',
      '---',
      '...',
      '0b1',
      '-0x1',
      '\\',
      '"',
    ];
    let accepted = 0;
    for (let n = 0; n < 1500; n++) {
      const lines = texts[n % texts.length]!.split('\n');
      for (let m = 0; m < 1 + Math.floor(rand() * 3); m++) {
        const i = Math.floor(rand() * lines.length);
        const r = rand();
        if (r < 0.25) lines.splice(i, 1);
        else if (r < 0.5) lines.splice(i, 0, lines[Math.floor(rand() * lines.length)]!);
        else {
          const line = lines[i] ?? '';
          const at = Math.floor(rand() * (line.length + 1));
          lines[i] = line.slice(0, at) + bits[Math.floor(rand() * bits.length)]! + line.slice(at);
        }
      }
      const text = lines.join('\n');
      if (parseYamlFast(text)) accepted++;
      expect(differences(text), text).toEqual([]);
    }
    expect(accepted).toBeGreaterThan(100);
  }, 60_000);
});
