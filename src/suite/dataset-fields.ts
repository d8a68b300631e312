/**
 * The columns of a dataset row that set the test's own fields: `id`, `name`, `lang` and `tags`.
 * They stay vars as well (a template may use `{{lang}}`). Without this a `lang` column was only a
 * var and the row's language was detected (an Indonesian row became `ms`). Values are checked as
 * the suite's own fields are, and a bad one is reported at its place in the data file.
 */
import type { Diagnostic } from '../contracts/diagnostic.js';
import { idPattern, langPattern } from './schema.js';

/** The row fields that set test fields, in the order they are checked. */
export const rowFieldNames = ['id', 'name', 'lang', 'tags'] as const;
export type RowFieldName = (typeof rowFieldNames)[number];

/** Where a row's fields are written in the data file. */
export type FieldPositions = Partial<Record<RowFieldName, { line: number; col: number }>>;

/** The test fields a row sets. */
export interface RowFields {
  id?: string;
  name?: string;
  lang?: string;
  tags?: string[];
}

const idOk = new RegExp(idPattern);
const langOk = new RegExp(langPattern);
/** A CSV `tags` cell (or a JSONL/YAML string) lists tags apart by commas, semicolons or spaces. */
const tagSeparators = /[\s,;]+/;

/** A test id in one Unicode form (NFC), so NFC and NFD spellings of one id are one test. */
export function normaliseId(id: string): string {
  return id.normalize('NFC');
}

/**
 * Reads a row's `id`, `name`, `lang` and `tags` (an empty value is no value: a CSV cell left
 * blank); each bad value is pushed to `diags` at its position and left out.
 */
export function readRowFields(
  vars: Record<string, unknown>,
  row: { file: string; line: number; col: number; fields: FieldPositions },
  diags: Diagnostic[],
): RowFields {
  const out: RowFields = {};
  const bad = (field: RowFieldName, message: string) => {
    diags.push({
      file: row.file,
      ...(row.fields[field] ?? { line: row.line, col: row.col }),
      path: field,
      message,
    });
  };
  const { id, name, lang, tags } = vars;
  if (typeof id === 'number' && Number.isInteger(id)) out.id = String(id);
  else if (typeof id === 'string' && id !== '') {
    const nfc = normaliseId(id);
    if (idOk.test(nfc)) out.id = nfc;
    else
      bad(
        'id',
        `dataset id ${JSON.stringify(id)} may not contain "/", "#", spaces or control characters (it becomes part of case ids)`,
      );
  } else if (id !== undefined && id !== null && id !== '')
    bad('id', 'dataset id must be text or a whole number');

  if (typeof name === 'string' && name !== '') out.name = name;
  else if (name !== undefined && name !== null && name !== '') bad('name', 'dataset name must be text');

  if (typeof lang === 'string' && lang !== '') {
    if (langOk.test(lang)) out.lang = lang;
    else bad('lang', `lang ${JSON.stringify(lang)} is not a language tag such as en, pt-BR or zh-Hant`);
  } else if (lang !== undefined && lang !== null && lang !== '') {
    bad('lang', 'lang must be a language tag such as en, pt-BR or zh-Hant');
  }

  const list = typeof tags === 'string' ? tags.split(tagSeparators) : tags;
  if (Array.isArray(list)) {
    if (list.every((t) => typeof t === 'string')) out.tags = list.filter((t) => t !== '');
    else bad('tags', 'tags must be text, or a list of text');
  } else if (tags !== undefined && tags !== null) bad('tags', 'tags must be text, or a list of text');
  return out;
}
