/**
 * A small RFC 4180 CSV reader: comma-separated, `"` quoting with `""` escapes, fields that
 * span lines, LF or CRLF. Each record keeps the line it starts on, for diagnostics.
 */

/** One record, the 1-based line it starts on, and where each field starts (`[line, col]`). */
export interface CsvRecord {
  fields: string[];
  line: number;
  starts: Array<[line: number, col: number]>;
}

/** A malformed CSV: where, and what. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Parses CSV text into records; blank lines are skipped. Throws `CsvSyntaxError`. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let starts: Array<[number, number]> = [];
  let field = '';
  let line = 1;
  let col = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let quoteCol = 0;
  let fieldQuoted = false;
  let afterQuote = false;
  let fieldLine = 1;
  let fieldCol = 1;

  const endField = () => {
    fields.push(field);
    starts.push([fieldLine, fieldCol]);
    // The next field starts after the comma (a line end sets its own start below).
    fieldLine = line;
    fieldCol = col + 1;
    field = '';
    fieldQuoted = false;
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '' && !fieldQuotedLast))
      records.push({ fields, line: recordLine, starts });
    fields = [];
    starts = [];
  };
  let fieldQuotedLast = false;

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
          col++;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else {
        field += c;
        if (c === '\n') {
          line++;
          col = 0;
        }
      }
      col++;
      continue;
    }
    if (c === ',') {
      fieldQuotedLast = fieldQuoted;
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fieldQuotedLast = fieldQuoted;
      endRecord();
      line++;
      col = 0;
      recordLine = line;
      fieldLine = line;
      fieldCol = 1;
    } else if (c === '"') {
      if (field !== '' || afterQuote) {
        throw new CsvSyntaxError(
          'a quote inside an unquoted field (quote the whole field and double inner quotes)',
          line,
          col,
        );
      }
      inQuotes = true;
      fieldQuoted = true;
      quoteLine = line;
      quoteCol = col;
    } else {
      if (afterQuote)
        throw new CsvSyntaxError('text after a closing quote (expected , or a line end)', line, col);
      field += c;
    }
    col++;
  }
  if (inQuotes) throw new CsvSyntaxError('quoted field is never closed', quoteLine, quoteCol);
  fieldQuotedLast = fieldQuoted;
  if (field !== '' || fields.length > 0 || fieldQuoted) endRecord();
  return records;
}
