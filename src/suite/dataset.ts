/**
 * Datasets: `tests: file://data/cases.{yaml,jsonl,csv}`. Each row is a mapping of vars; its `id`,
 * `name`, `lang` and `tags` also set the test's fields (`dataset-fields.ts`). Malformed rows are
 * reported at their line in the data file.
 */
import { extname } from 'node:path';
import type { Diagnostic } from '../contracts/diagnostic.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { type FieldPositions, rowFieldNames } from './dataset-fields.js';
import { maxDatasetBytes, maxFileBytes } from './source-limits.js';
import { parseYaml, readTextFile } from './yaml-source.js';

/** One row of a dataset and where it is written. */
export interface DatasetRow {
  vars: Record<string, unknown>;
  file: string;
  line: number;
  col: number;
  /** Where the row's `id`, `name`, `lang` and `tags` are written, when they are. */
  fields: FieldPositions;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads a dataset file; problems are pushed to `diags` (null when nothing usable was read). */
export async function readDataset(
  abs: string,
  file: string,
  diags: Diagnostic[],
): Promise<DatasetRow[] | null> {
  const ext = extname(abs).toLowerCase();
  const lineBased = ext === '.csv' || ext === '.jsonl';
  const text = await readTextFile(
    abs,
    file,
    diags,
    'dataset file',
    lineBased ? maxDatasetBytes : maxFileBytes,
  );
  if (text === null) return null;
  if (ext === '.csv') return csvRows(text, file, diags);
  if (ext === '.jsonl') return jsonlRows(text, file, diags);
  return yamlRows(text, file, diags);
}

function csvRows(text: string, file: string, diags: Diagnostic[]): DatasetRow[] | null {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    diags.push({ file, line: err.line, col: err.col, path: '', message: `CSV: ${err.message}` });
    return null;
  }
  const header = records[0];
  if (!header) {
    diags.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: 'CSV dataset is empty; the first row must name the columns',
    });
    return null;
  }
  const names = header.fields.map((f) => f.trim());
  const seen = new Set<string>();
  let ok = true;
  names.forEach((n, i) => {
    if (n === '' || seen.has(n)) {
      ok = false;
      diags.push({
        file,
        line: header.line,
        col: 1,
        path: `[0][${i}]`,
        message: n === '' ? `CSV header: column ${i + 1} has no name` : `CSV header: duplicate column "${n}"`,
      });
    }
    seen.add(n);
  });
  if (!ok) return null;
  const rows: DatasetRow[] = [];
  const fieldColumns = rowFieldNames.map((f) => [f, names.indexOf(f)] as const).filter(([, i]) => i >= 0);
  for (const [index, r] of records.slice(1).entries()) {
    if (r.fields.length !== names.length) {
      diags.push({
        file,
        line: r.line,
        col: 1,
        // Record index, the header being [0] (as in the header diagnostics above).
        path: `[${index + 1}]`,
        message: `CSV row has ${r.fields.length} field${r.fields.length === 1 ? '' : 's'}, the header has ${names.length}`,
      });
      continue;
    }
    const vars: Record<string, unknown> = {};
    names.forEach((n, i) => {
      vars[n] = r.fields[i];
    });
    const fields: FieldPositions = {};
    for (const [f, i] of fieldColumns) {
      const [line, col] = r.starts[i]!;
      fields[f] = { line, col };
    }
    rows.push({ vars, file, line: r.line, col: 1, fields });
  }
  return rows;
}

function jsonlRows(text: string, file: string, diags: Diagnostic[]): DatasetRow[] {
  const rows: DatasetRow[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const m = /position (\d+)/.exec((err as Error).message);
      const msg = (err as Error).message
        .replace(/ in JSON at position \d+.*$/, '')
        .replace(/ \(line \d+ column \d+\)$/, '');
      diags.push({ file, line: i + 1, col: m ? Number(m[1]) + 1 : 1, path: '', message: `JSONL: ${msg}` });
      return;
    }
    if (!isPlainObject(value)) {
      diags.push({
        file,
        line: i + 1,
        col: 1,
        path: '',
        message: 'JSONL row must be an object of vars, e.g. {"name": "Ana"}',
      });
      return;
    }
    const fields: FieldPositions = {};
    for (const f of rowFieldNames) {
      // The key's quote: a value that contains the same text before it is rare enough to accept.
      const at = f in value ? line.indexOf(`"${f}"`) : -1;
      if (at >= 0) fields[f] = { line: i + 1, col: at + 1 };
    }
    rows.push({ vars: value, file, line: i + 1, col: 1, fields });
  });
  return rows;
}

function yamlRows(text: string, file: string, diags: Diagnostic[]): DatasetRow[] | null {
  const before = diags.length;
  const src = parseYaml(text, file, diags);
  if (diags.slice(before).some((d) => d.severity !== 'warning')) return null;
  if (!Array.isArray(src.value)) {
    diags.push({
      file,
      line: 1,
      col: 1,
      path: '',
      message: 'YAML dataset must be a list of mappings (one row of vars each)',
    });
    return null;
  }
  const rows: DatasetRow[] = [];
  src.value.forEach((row, i) => {
    const at = src.locator.locate([i]);
    if (!isPlainObject(row)) {
      diags.push({ file, ...at, path: `[${i}]`, message: 'dataset row must be a mapping of vars' });
      return;
    }
    const fields: FieldPositions = {};
    for (const f of rowFieldNames) if (f in row) fields[f] = src.locator.locate([i, f]);
    rows.push({ vars: row, file, ...at, fields });
  });
  return rows;
}
