/** A dataset row's `id`, `name`, `lang` and `tags` set the test's fields; bad values are positioned. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/contracts/diagnostic.js';
import { type FieldPositions, readRowFields } from '../../../src/suite/dataset-fields.js';

function read(vars: Record<string, unknown>, fields: FieldPositions = {}) {
  const diags: Diagnostic[] = [];
  const out = readRowFields(vars, { file: 'data/d.csv', line: 4, col: 1, fields }, diags);
  return { out, diags };
}

describe('readRowFields', () => {
  it('reads id, name, lang and tags (split on commas, semicolons and spaces)', () => {
    expect(read({ id: 'g1', name: 'Greeting', lang: 'id', tags: 'smoke, id;greeting  x' }).out).toEqual({
      id: 'g1',
      name: 'Greeting',
      lang: 'id',
      tags: ['smoke', 'id', 'greeting', 'x'],
    });
  });

  it('takes a whole-number id and a list of tags (JSONL, YAML)', () => {
    expect(read({ id: 7, tags: ['a b', 'c'] }).out).toEqual({ id: '7', tags: ['a b', 'c'] });
  });

  it('treats blank cells as no value', () => {
    expect(read({ id: '', name: '', lang: '', tags: '' })).toEqual({ out: { tags: [] }, diags: [] });
  });

  it('normalises the id to NFC', () => {
    expect(read({ id: 'cafe\u0301' }).out.id).toBe('caf\u00e9');
  });

  it('reports each bad value at its position in the data file, and leaves it out', () => {
    const { out, diags } = read(
      { id: 'a/b', lang: 'english', tags: [1], name: 3 },
      { id: { line: 4, col: 1 }, lang: { line: 4, col: 5 }, tags: { line: 4, col: 13 } },
    );
    expect(out).toEqual({});
    expect(diags).toEqual([
      {
        file: 'data/d.csv',
        line: 4,
        col: 1,
        path: 'id',
        message: expect.stringMatching(/^dataset id "a\/b" may not contain "\/"/),
      },
      // No position kept for `name`: the row's own.
      { file: 'data/d.csv', line: 4, col: 1, path: 'name', message: 'dataset name must be text' },
      {
        file: 'data/d.csv',
        line: 4,
        col: 5,
        path: 'lang',
        message: 'lang "english" is not a language tag such as en, pt-BR or zh-Hant',
      },
      { file: 'data/d.csv', line: 4, col: 13, path: 'tags', message: 'tags must be text, or a list of text' },
    ]);
  });

  it('refuses an id with a control character', () => {
    expect(read({ id: 'a\u0007b' }).diags).toHaveLength(1);
  });
});
