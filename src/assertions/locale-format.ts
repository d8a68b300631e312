import {
  BIDI_MARKS,
  currencySigns,
  type DateConvention,
  dateConvention,
  escapeRegex,
  longDatePattern,
  type NumberConvention,
  numberConvention,
  numberingSystems,
} from './locale-conventions.js';
import { optionalString } from './options.js';
import { binary, quote } from './outcome.js';
import { AssertionEvaluationError, type AssertionFactory, AssertionOptionsError } from './types.js';

/**
 * `locale-format`: numbers, dates and currency amounts in the output are written the way the
 * case's locale writes them, as `Intl` (CLDR) formats them: `1.234,5` in de, `1 234,5` in fr,
 * `12,34,567` in hi, `١٬٢٣٤٫٥` in ar with native digits, `14.03.2024` in de, `￥1,235` in ja.
 *
 * Options: `value` — the kinds the output must contain (`number`, `date`, `currency`; each at
 * least once, written right); without it, whatever the output contains must be written right
 * and nothing is required. `locale` — a BCP 47 tag instead of the case's `lang` (`de-CH`,
 * `en-IN`). `digits` — `native` (the locale's own digits, e.g. Arabic-Indic in ar), `latin`
 * (0–9) or `any` (default: either). `currency` — ISO 4217 code(s) whose signs are checked
 * (where the sign goes: `€` after the amount in de, before it in en).
 *
 * Only what is wrong for certain fails: `1.234` passes in en (one point two three four) and in
 * de (a thousand and more); `1,234.5` fails in de. ISO dates (2024-03-14) pass everywhere.
 * Numbers glued to letters (v1.2.3, H2O) are identifiers and are not checked. Dates are
 * Gregorian.
 */

/**
 * Not the tail of an identifier or of a longer number (v1.2.3, H2O, the "2.3" of "1.2.3").
 * Only letters of scripts written with spaces count: in ja or zh a number touches words.
 */
const NOT_GLUED = '(?<![\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{N}_][.,/-]?)';

const KINDS = ['number', 'date', 'currency'] as const;
type Kind = (typeof KINDS)[number];

interface Scan {
  found: Record<Kind, number>;
  problems: string[];
}

function readKinds(value: unknown): Kind[] | null {
  if (value === undefined || value === null) return null;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((k) => (KINDS as readonly unknown[]).includes(k))) {
    throw new AssertionOptionsError(`locale-format: \`value\` must be one or more of ${KINDS.join(', ')}`);
  }
  return list as Kind[];
}

function readCurrencies(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const known = new Set(Intl.supportedValuesOf('currency'));
  for (const c of list) {
    if (typeof c !== 'string' || !known.has(c)) {
      throw new AssertionOptionsError(
        `locale-format: \`currency\` must be ISO 4217 codes such as EUR, got ${JSON.stringify(c)}`,
      );
    }
  }
  return list as string[];
}

function canonicalLocale(tag: string, where: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0]!;
  } catch {
    throw new AssertionOptionsError(`locale-format: ${where} ${JSON.stringify(tag)} is not a BCP 47 locale`);
  }
}

/** Replaces a matched span with spaces so later scans skip it but positions stay put. */
function blank(text: string, start: number, length: number): string {
  return text.slice(0, start) + ' '.repeat(length) + text.slice(start + length);
}

const digitsOf = (conventions: NumberConvention[]): string =>
  [...new Set(conventions.map((c) => c.digits).join(''))].join('');

/** Long and numeric dates: counted when written the locale's way, a problem otherwise; their spans blanked. */
function scanDates(
  text: string,
  locale: string,
  allowed: Array<{ number: NumberConvention; date: DateConvention }>,
  digits: string,
  scan: Scan,
): string {
  let rest = text;
  for (const { date } of allowed) {
    for (const m of rest.matchAll(date.long)) {
      scan.found.date++;
      rest = blank(rest, m.index, m[0].length);
    }
  }
  if (new Intl.Locale(locale).language !== 'en') {
    for (const m of rest.matchAll(longDatePattern('en', 'latn', '0123456789'))) {
      scan.problems.push(
        `${quote(m[0], 40)} is an English date; ${locale} writes ${allowed[0]!.date.longExample}`,
      );
      rest = blank(rest, m.index, m[0].length);
    }
  }
  const d = `[${digits}]`;
  const numeric = new RegExp(`${NOT_GLUED}(${d}{1,4}) ?([./-]) ?(${d}{1,2}) ?\\2 ?(${d}{1,4})\\.?`, 'gu');
  for (const m of rest.matchAll(numeric)) {
    const fields = [m[1]!, m[3]!, m[4]!];
    const iso = m[2] === '-' && fields[0]!.length === 4;
    const fit = iso || allowed.some(({ number, date }) => numericDateFits(fields, m[2]!, number, date));
    if (fit) scan.found.date++;
    else
      scan.problems.push(
        `${quote(m[0], 40)} is not how ${locale} writes a date (${allowed[0]!.date.example})`,
      );
    rest = blank(rest, m.index, m[0].length);
  }
  return rest;
}

function numericDateFits(
  fields: string[],
  separator: string,
  number: NumberConvention,
  date: DateConvention,
): boolean {
  if (separator !== date.separator) return false;
  if (![...fields.join('')].every((c) => number.digits.includes(c))) return false;
  const value = (s: string): number => Number([...s].map((c) => number.digits.indexOf(c)).join(''));
  return fields.every((f, i) => {
    const role = date.order[i];
    if (role === 'year') return f.length === 4 || f.length === 2;
    if (f.length > 2) return false;
    return role === 'month' ? value(f) >= 1 && value(f) <= 12 : value(f) >= 1 && value(f) <= 31;
  });
}

function scanCurrency(text: string, locale: string, currencies: string[], digits: string, scan: Scan): void {
  const d = `[${digits}]`;
  const seen = new Set<string>();
  for (const currency of currencies) {
    // Longest signs first, so "US$" claims its amount before "$" does.
    const signs = currencySigns(locale, currency).sort((a, b) => b.text.length - a.text.length);
    for (const sign of signs) {
      const s = escapeRegex(sign.text);
      const before = new RegExp(`${s}[ \u00A0\u202F]?(?=${d})`, 'gu');
      const after = new RegExp(`(?<=${d})[ \u00A0\u202F]?${s}`, 'gu');
      for (const [side, re] of [
        ['before', before],
        ['after', after],
      ] as const) {
        for (const m of text.matchAll(re)) {
          const key = side === 'before' ? m.index + m[0].length : m.index;
          if (seen.has(`${side}:${key}`)) continue;
          seen.add(`${side}:${key}`);
          if (side === sign.side) scan.found.currency++;
          else scan.problems.push(`${quote(sign.text)} ${side} the amount; ${locale} writes ${sign.example}`);
        }
      }
    }
  }
}

function scanNumbers(
  text: string,
  locale: string,
  allowed: NumberConvention[],
  detect: NumberConvention[],
  scan: Scan,
): void {
  const d = `[${digitsOf(detect)}]`;
  const spaced = detect.some((c) => /^[ \u00A0\u202F]$/.test(c.group));
  const separator = `[.,'’٫٬${spaced ? ' \u00A0\u202F' : ''}]`;
  const token = new RegExp(`${NOT_GLUED}${d}+(?:${separator}${d}+)*`, 'gu');
  const check = (t: string): void => {
    const system = detect.find((c) => [...t].every((ch) => !/\p{Nd}/u.test(ch) || c.digits.includes(ch)));
    if (!system) {
      scan.problems.push(`${quote(t, 40)} mixes digits of two systems`);
      return;
    }
    const convention = allowed.find((c) => c.numberingSystem === system.numberingSystem);
    if (!convention) {
      scan.problems.push(
        `${quote(t, 40)} is in ${system.numberingSystem} digits; ${locale} here writes ${allowed[0]!.example}`,
      );
      return;
    }
    if (convention.pattern.test(t)) {
      scan.found.number++;
      return;
    }
    // Space-grouped locales: "in 2024 300 people" is two numbers, not one badly grouped one.
    if (/[ \u00A0\u202F]/.test(t)) {
      for (const part of t.split(/[ \u00A0\u202F]/)) check(part);
      return;
    }
    scan.problems.push(`${quote(t, 40)} is not how ${locale} writes a number (${convention.example})`);
  };
  for (const m of text.matchAll(token)) check(m[0]);
}

export const localeFormat: AssertionFactory = (options) => {
  const required = readKinds(options.value);
  const digits = (optionalString(options, 'digits') ?? 'any') as 'native' | 'latin' | 'any';
  if (!['native', 'latin', 'any'].includes(digits)) {
    throw new AssertionOptionsError('locale-format: `digits` must be native, latin or any');
  }
  const currencies = readCurrencies(options.currency);
  if (required?.includes('currency') && currencies.length === 0) {
    throw new AssertionOptionsError(
      'locale-format: checking `currency` needs `currency:` (ISO 4217 codes, e.g. EUR)',
    );
  }
  const fixed = optionalString(options, 'locale');
  const fixedLocale = fixed === undefined ? undefined : canonicalLocale(fixed, '`locale`');
  return (output, ctx) => {
    const tag = fixedLocale ?? ctx.case.lang;
    if (!tag) {
      throw new AssertionEvaluationError(
        "locale-format: no locale: give `locale` (e.g. locale: de-DE) or set the test's `lang`",
      );
    }
    const locale = canonicalLocale(tag, 'the locale');
    const systems = numberingSystems(locale, digits);
    const detectSystems = [...new Set([...numberingSystems(locale, 'native'), 'latn'])];
    const detect = detectSystems.map((ns) => numberConvention(locale, ns));
    const allowedNumbers = detect.filter((c) => systems.includes(c.numberingSystem));
    const allowed = allowedNumbers.map((number) => ({
      number,
      date: dateConvention(locale, number.numberingSystem, number.digits),
    }));
    const scan: Scan = { found: { number: 0, date: 0, currency: 0 }, problems: [] };
    const text = output.normalize('NFC').replace(BIDI_MARKS, '');
    const digitClass = digitsOf(detect);
    const withoutDates = scanDates(text, locale, allowed, digitClass, scan);
    if (currencies.length > 0) scanCurrency(text, locale, currencies, digitClass, scan);
    scanNumbers(withoutDates, locale, allowedNumbers, detect, scan);
    const missing = (required ?? []).filter((k) => scan.found[k] === 0);
    const counted = KINDS.filter((k) => scan.found[k] > 0)
      .map((k) => `${scan.found[k]} ${k === 'currency' ? 'amount' : k}${scan.found[k] === 1 ? '' : 's'}`)
      .join(', ');
    if (scan.problems.length > 0) {
      const more = scan.problems.length > 3 ? ` (+${scan.problems.length - 3} more)` : '';
      return binary(false, `${scan.problems.slice(0, 3).join('; ')}${more}`);
    }
    if (missing.length > 0) {
      const what = missing
        .map((k) => (k === 'currency' ? `a ${currencies.join('/')} amount` : `a ${k}`))
        .join(', ');
      return binary(
        false,
        `output has no ${what} written as ${locale} writes it${counted ? ` (found ${counted})` : ''}`,
      );
    }
    return binary(
      true,
      counted ? `${counted} written as ${locale} writes them` : `no numbers, dates or amounts to check`,
    );
  };
};
