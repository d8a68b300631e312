import { foldCase } from '../lang/case-fold.js';
import { optionalString, requireString, stringList } from './options.js';
import { binary, quote } from './outcome.js';
import { type Assertion, type AssertionFactory, AssertionOptionsError } from './types.js';

/**
 * The text family: every matcher is a predicate over NFC-normalised output and needles,
 * built by one helper. Case-insensitive variants fold both sides by the case's `lang`.
 */

type Predicate = (haystack: string, needle: string) => boolean;

const includes: Predicate = (h, n) => h.includes(n);
const startsWith: Predicate = (h, n) => h.startsWith(n);
const endsWith: Predicate = (h, n) => h.endsWith(n);

interface MatcherSpec {
  predicate: Predicate;
  /** `any`: one needle must match; `all`: every needle must. */
  mode: 'one' | 'any' | 'all';
  caseless: boolean;
  verb: string;
}

function matcher(spec: MatcherSpec): AssertionFactory {
  return (options) => {
    const needles = (spec.mode === 'one' ? [requireString(options)] : stringList(options)).map((n) =>
      n.normalize('NFC'),
    );
    // Folding depends on the case's lang, known only at run time; cache per lang.
    const folded = new Map<string, string[]>();
    const needlesFor = (lang: string | null): string[] => {
      if (!spec.caseless) return needles;
      const key = lang ?? '';
      let f = folded.get(key);
      if (!f) {
        f = needles.map((n) => foldCase(n, lang));
        folded.set(key, f);
      }
      return f;
    };
    const assertion: Assertion = (output, ctx) => {
      const lang = ctx.case.lang;
      const haystack = spec.caseless ? foldCase(output, lang) : output.normalize('NFC');
      const ns = needlesFor(lang);
      const hits = ns.map((n) => spec.predicate(haystack, n));
      const foldNote = spec.caseless ? ` (case folded${lang ? ` as ${lang}` : ''})` : '';
      if (spec.mode === 'one') {
        const pass = hits[0]!;
        // "contains" → "does not contain", "starts with" → "does not start with".
        const verb = pass ? spec.verb : `does not ${spec.verb.replace(/^(\w+?)s\b/, '$1')}`;
        return binary(pass, `output ${verb} ${quote(needles[0]!)}${foldNote}`);
      }
      const matched = needles.filter((_, i) => hits[i]);
      const missing = needles.filter((_, i) => !hits[i]);
      if (spec.mode === 'any') {
        const pass = matched.length > 0;
        return binary(
          pass,
          pass
            ? `output ${spec.verb} ${quote(matched[0]!)}${foldNote}`
            : `output ${spec.verb} none of ${missing.map((m) => quote(m, 40)).join(', ')}${foldNote}`,
        );
      }
      const pass = missing.length === 0;
      return binary(
        pass,
        pass
          ? `output ${spec.verb} all ${needles.length} values${foldNote}`
          : `output is missing ${missing.map((m) => quote(m, 40)).join(', ')}${foldNote}`,
      );
    };
    return assertion;
  };
}

export const contains = matcher({ predicate: includes, mode: 'one', caseless: false, verb: 'contains' });
export const icontains = matcher({ predicate: includes, mode: 'one', caseless: true, verb: 'contains' });
export const containsAny = matcher({ predicate: includes, mode: 'any', caseless: false, verb: 'contains' });
export const containsAll = matcher({ predicate: includes, mode: 'all', caseless: false, verb: 'contains' });
export const icontainsAny = matcher({ predicate: includes, mode: 'any', caseless: true, verb: 'contains' });
export const icontainsAll = matcher({ predicate: includes, mode: 'all', caseless: true, verb: 'contains' });
export const startsWithFactory = matcher({
  predicate: startsWith,
  mode: 'one',
  caseless: false,
  verb: 'starts with',
});
export const endsWithFactory = matcher({
  predicate: endsWith,
  mode: 'one',
  caseless: false,
  verb: 'ends with',
});

/**
 * `equals`: a string compares exactly after NFC; any other value (object, array, number, boolean)
 * compares structurally with the output parsed as JSON.
 */
export const equals: AssertionFactory = (options) => {
  const expected = options.value;
  if (typeof expected === 'string') {
    const want = expected.normalize('NFC');
    return (output) => {
      const got = output.normalize('NFC');
      if (got === want) return binary(true, 'output equals the expected text');
      const trimmedNote = got.trim() === want.trim() ? ' (they differ only in surrounding whitespace)' : '';
      return binary(false, `expected ${quote(want)} but got ${quote(got)}${trimmedNote}`);
    };
  }
  if (expected === undefined) throw new AssertionOptionsError('equals: `value` is required');
  const want = JSON.stringify(canonical(expected));
  return (output) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      return binary(false, `output is not JSON, so it cannot equal ${quote(JSON.stringify(expected))}`);
    }
    const got = JSON.stringify(canonical(parsed));
    return got === want
      ? binary(true, 'output JSON equals the expected value')
      : binary(false, `expected JSON ${quote(want)} but got ${quote(got)}`);
  };
};

/** A JSON value with object keys sorted, so key order does not affect equality. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  if (typeof value === 'string') return value.normalize('NFC');
  return value;
}

/** `regex`: compiled once from the NFC-normalised pattern and `flags`; tested against NFC output. */
export const regex: AssertionFactory = (options) => {
  const source = requireString(options).normalize('NFC');
  const flags = optionalString(options, 'flags') ?? '';
  let re: RegExp;
  try {
    // `g` and `y` make RegExp#test stateful through lastIndex; a match test needs neither.
    re = new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch (e) {
    throw new AssertionOptionsError(`regex: invalid pattern /${source}/${flags}: ${(e as Error).message}`);
  }
  return (output) => {
    const m = re.exec(output.normalize('NFC'));
    return m
      ? binary(true, `output matches /${source}/${flags} at ${quote(m[0], 40)}`)
      : binary(false, `output does not match /${source}/${flags}`);
  };
};
