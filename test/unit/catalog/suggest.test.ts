/** "Did you mean": edit distance with transpositions, and when a suggestion is made at all. */
import { describe, expect, it } from 'vitest';
import { editDistance, listOf, suggest } from '../../../src/catalog/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('prompt', 'prompt')).toBe(0);
    expect(editDistance('promt', 'prompt')).toBe(1);
    expect(editDistance('prompts', 'prompt')).toBe(1);
    expect(editDistance('prampt', 'prompt')).toBe(1);
    expect(editDistance('nmae', 'name')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops early once the distance must exceed max', () => {
    expect(editDistance('temperature', 'x', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('suggest', () => {
  const keys = ['name', 'models', 'params', 'prompts', 'tests', 'defaults', 'max_tokens', 'top_p'];

  it('finds the closest plausible candidate', () => {
    expect(suggest('modles', keys)).toBe('models');
    expect(suggest('promts', keys)).toBe('prompts');
    expect(suggest('test', keys)).toBe('tests');
  });

  it('treats case and -/_ differences as near misses', () => {
    expect(suggest('max-tokens', keys)).toBe('max_tokens');
    expect(suggest('MaxTokens', keys)).toBe('max_tokens');
  });

  it('makes no suggestion for something unrelated, or for an exact match', () => {
    expect(suggest('zzzzzz', keys)).toBeUndefined();
    expect(suggest('nm', keys)).toBeUndefined();
    expect(suggest('tests', ['tests'])).toBeUndefined();
  });
});

describe('listOf', () => {
  it('lists all items up to max, then says how many more', () => {
    expect(listOf(['a', 'b', 'c'])).toBe('a, b, c');
    expect(listOf(['a', 'b', 'c', 'd'], 2)).toBe('a, b … (2 more)');
  });
});
