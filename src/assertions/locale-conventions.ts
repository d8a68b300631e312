/**
 * How a locale writes numbers, dates and currency amounts, read from `Intl` (ICU's CLDR data)
 * rather than from tables of our own, and turned into patterns `locale-format` scans for.
 */

/** A locale's native digits where they are not 0–9 (CLDR's `native` numbering, which V8 does not resolve). */
const NATIVE_NUMBERING: Record<string, string> = {
  ar: 'arab',
  fa: 'arabext',
  ur: 'arabext',
  ps: 'arabext',
  hi: 'deva',
  mr: 'deva',
  ne: 'deva',
  bn: 'beng',
  as: 'beng',
  th: 'thai',
  lo: 'laoo',
  my: 'mymr',
  km: 'khmr',
  gu: 'gujr',
  pa: 'guru',
  ta: 'tamldec',
  te: 'telu',
  kn: 'knda',
  ml: 'mlym',
  or: 'orya',
  bo: 'tibt',
};

/** The numbering systems a locale's numbers may use: native digits first when it has them. */
export function numberingSystems(locale: string, digits: 'native' | 'latin' | 'any'): string[] {
  const language = new Intl.Locale(locale).language;
  const native =
    NATIVE_NUMBERING[language] ?? new Intl.NumberFormat(locale).resolvedOptions().numberingSystem;
  if (digits === 'native') return [native];
  if (digits === 'latin' || native === 'latn') return ['latn'];
  return [native, 'latn'];
}

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const SPACES = ' \u00A0\u202F';
const isSpace = (s: string): boolean => s.length > 0 && [...s].every((c) => SPACES.includes(c));
/** Direction marks ICU puts around numbers in right-to-left locales; nobody is expected to type them. */
export const BIDI_MARKS = /[\u200E\u200F\u061C]/g;

/** An `Intl` rendering as a reason shows it: no direction marks, no-break spaces as spaces. */
const shown = (s: string): string => s.replace(BIDI_MARKS, '').replace(/[\u00A0\u202F]/g, ' ');

/** One numbering system's digits and separators in a locale. */
export interface NumberConvention {
  numberingSystem: string;
  /** Digits 0–9 in this system. */
  digits: string;
  group: string;
  decimal: string;
  /** A whole token that is a number written this way (grouped or not). */
  pattern: RegExp;
  /** 1234567.5 written this way, for reasons. */
  example: string;
}

/** A character class of the given characters, spaces treated as one another. */
function separatorClass(sep: string): string {
  if (isSpace(sep)) return `[${SPACES}]`;
  if (sep === "'" || sep === '’') return "['’]";
  return escapeRegex(sep);
}

export function numberConvention(locale: string, numberingSystem: string): NumberConvention {
  const format = new Intl.NumberFormat(locale, { numberingSystem });
  const parts = format.formatToParts(1234567.5);
  const integers = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const primary = integers.at(-1) ?? 3;
  const secondary = integers.length > 2 ? integers.at(-2)! : primary;
  const plain = new Intl.NumberFormat(locale, { numberingSystem, useGrouping: false });
  const digits = Array.from({ length: 10 }, (_, i) => plain.format(i)).join('');
  const d = `[${digits}]`;
  const g = separatorClass(group);
  const grouped = `${d}{1,${secondary}}(?:${g}${d}{${secondary}})*${g}${d}{${primary}}`;
  const pattern = new RegExp(`^(?:${grouped}|${d}+)(?:${escapeRegex(decimal)}${d}+)?$`, 'u');
  return {
    numberingSystem,
    digits,
    group,
    decimal,
    pattern,
    example: shown(format.format(1234567.5)),
  };
}

/** The numeric short date: which field comes where and the separator between them. */
export interface DateConvention {
  order: Array<'day' | 'month' | 'year'>;
  separator: string;
  /** Dates written out with the month's name, e.g. "14. März 2024". */
  long: RegExp;
  example: string;
  longExample: string;
}

const SAMPLE_DATE = new Date(Date.UTC(2024, 2, 14));

/** A regex of the locale's long date form (day, month name, year) in the given digits. */
export function longDatePattern(locale: string, numberingSystem: string, digits: string): RegExp {
  const options: Intl.DateTimeFormatOptions = {
    dateStyle: 'long',
    timeZone: 'UTC',
    calendar: 'gregory',
    numberingSystem,
  };
  const format = new Intl.DateTimeFormat(locale, options);
  const months = new Set<string>();
  for (let m = 0; m < 12; m++) {
    const month = format.formatToParts(new Date(Date.UTC(2024, m, 14))).find((p) => p.type === 'month');
    if (month) months.add(escapeRegex(month.value));
  }
  const d = `[${digits}]`;
  const parts = format.formatToParts(SAMPLE_DATE).filter((p) => p.type !== 'weekday');
  const lastField = parts.findLastIndex((p) => p.type !== 'literal');
  const source = parts
    .map((p, i) => {
      if (p.type === 'day') return `${d}{1,2}`;
      if (p.type === 'year') return `${d}{4}`;
      if (p.type === 'month') return `(?:${[...months].join('|')})`;
      const literal = p.value.replace(BIDI_MARKS, '');
      const text = literal.split(/\s+/).map(escapeRegex).join('\\s*');
      // A trailing literal ("г." in ru) is often left out.
      return i > lastField ? `(?:${text})?` : text;
    })
    .join('');
  return new RegExp(source, 'giu');
}

export function dateConvention(locale: string, numberingSystem: string, digits: string): DateConvention {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    calendar: 'gregory',
    numberingSystem,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(SAMPLE_DATE);
  const order = parts
    .map((p) => p.type)
    .filter((t): t is 'day' | 'month' | 'year' => t === 'day' || t === 'month' || t === 'year');
  const literal =
    parts
      .find((p) => p.type === 'literal')
      ?.value.replace(BIDI_MARKS, '')
      .trim() ?? '/';
  const long = longDatePattern(locale, numberingSystem, digits);
  const longExample = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeZone: 'UTC',
    calendar: 'gregory',
    numberingSystem,
  }).format(SAMPLE_DATE);
  const example = parts
    .map((p) => p.value)
    .join('')
    .replace(BIDI_MARKS, '');
  return { order, separator: literal, long, example: shown(example), longExample: shown(longExample) };
}

/** Where a currency's sign goes relative to the amount in a locale, for each way of naming it. */
export interface CurrencySign {
  text: string;
  side: 'before' | 'after';
  example: string;
}

/** Characters that stand for the same sign (the yen's two widths). */
const SIGN_ALIASES: Record<string, string[]> = { '￥': ['¥'], '¥': ['￥'] };

export function currencySigns(locale: string, currency: string): CurrencySign[] {
  const signs = new Map<string, CurrencySign>();
  for (const currencyDisplay of ['symbol', 'narrowSymbol', 'code', 'name'] as const) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay });
    const parts = format.formatToParts(1234.5);
    const at = parts.findIndex((p) => p.type === 'currency');
    const first = parts.findIndex((p) => p.type === 'integer');
    if (at < 0) continue;
    const side = at < first ? 'before' : 'after';
    const example = shown(format.format(1234.5));
    const text = parts[at]!.value;
    for (const t of [text, ...(SIGN_ALIASES[text] ?? [])]) {
      if (!signs.has(t)) signs.set(t, { text: t, side, example });
    }
  }
  return [...signs.values()];
}
