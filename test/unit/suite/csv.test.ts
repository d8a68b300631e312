/** The CSV reader behind `tests: file://data.csv`: RFC 4180 quoting, record lines, positioned errors. */
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../src/suite/csv.js';

function syntaxError(text: string): { message: string; line: number; col: number } {
  try {
    parseCsv(text);
  } catch (err) {
    expect(err).toBeInstanceOf(CsvSyntaxError);
    const e = err as CsvSyntaxError;
    return { message: e.message, line: e.line, col: e.col };
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('parseCsv', () => {
  it('splits records and fields, keeping the line each record starts on', () => {
    expect(parseCsv('id,name\na,Ana\nb,李雷\n')).toMatchObject([
      { fields: ['id', 'name'], line: 1 },
      { fields: ['a', 'Ana'], line: 2 },
      { fields: ['b', '李雷'], line: 3 },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'id,text\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,after\n';
    expect(parseCsv(text)).toMatchObject([
      { fields: ['id', 'text'], line: 1 },
      { fields: ['1', 'a, b'], line: 2 },
      { fields: ['2', 'say "hi"'], line: 3 },
      { fields: ['3', 'two\nlines'], line: 4 },
      // The record after a two-line field starts on line 6, not 5.
      { fields: ['4', 'after'], line: 6 },
    ]);
  });

  it('accepts CRLF, a missing final newline, empty fields, and skips blank lines', () => {
    expect(parseCsv('a,b\r\n\r\n1,\r\n,2')).toMatchObject([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', ''], line: 3 },
      { fields: ['', '2'], line: 4 },
    ]);
  });

  it('keeps a record that is one empty quoted field', () => {
    expect(parseCsv('x\n""\n')).toMatchObject([
      { fields: ['x'], line: 1 },
      { fields: [''], line: 2 },
    ]);
  });

  it('keeps where each field starts, after quoted commas, doubled quotes and line breaks', () => {
    const text = 'id,lang,tags\r\n"a, b",en,x\n"two\nlines","say ""hi""",ok\n,,last\n';
    expect(parseCsv(text).map((r) => r.starts)).toEqual([
      [
        [1, 1],
        [1, 4],
        [1, 9],
      ],
      [
        [2, 1],
        [2, 8],
        [2, 11],
      ],
      [
        [3, 1],
        [4, 8],
        [4, 21],
      ],
      [
        [5, 1],
        [5, 2],
        [5, 3],
      ],
    ]);
  });

  it('reports a quote inside an unquoted field at its position', () => {
    expect(syntaxError('id,name\n1,An"a\n')).toEqual({
      message: expect.stringMatching(/quote inside an unquoted field/),
      line: 2,
      col: 5,
    });
  });

  it('reports text after a closing quote', () => {
    expect(syntaxError('id,name\n1,"Ana"x\n')).toEqual({
      message: expect.stringMatching(/after a closing quote/),
      line: 2,
      col: 8,
    });
  });

  it('reports an unclosed quote where it opened', () => {
    expect(syntaxError('id,name\n1,ok\n2,"never\nclosed\n')).toEqual({
      message: 'quoted field is never closed',
      line: 3,
      col: 3,
    });
  });
});
