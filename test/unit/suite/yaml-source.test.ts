/** parseYaml's values: what yaml's toJS gives, with strings of their own. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../../../src/contracts/diagnostic.js';
import { parseYaml } from '../../../src/suite/yaml-source.js';

describe('parseYaml values', () => {
  it('equal yaml.parse, including aliases, merge keys and a __proto__ key', () => {
    const text = [
      'base: &b { type: contains, value: "a long value with {{code}} in it" }',
      'list: [*b, *b, { <<: *b, weight: 2 }]',
      '__proto__: { polluted: yes please, and more text }',
      'tags: [bench, bench, zh]',
      'text: plain scalar longer than thirteen characters',
      '',
    ].join('\n');
    const diags: Diagnostic[] = [];
    const { value } = parseYaml(text, 's.yaml', diags);
    expect(diags).toEqual([]);
    expect(value).toEqual(parse(text, { merge: true }));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a scalar document and a cycle', () => {
    expect(parseYaml('just a string of some length\n', 's.yaml', []).value).toBe(
      'just a string of some length',
    );
    const v = parseYaml('a: &x [1, *x]\n', 's.yaml', []).value as { a: unknown[] };
    expect(v.a[1]).toBe(v.a);
  });
});
