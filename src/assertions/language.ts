import { canIdentify, cannotIdentify } from '../lang/coverage.js';
import { detectLanguage } from '../lang/detect.js';
import { languageMatches, primaryLanguage } from '../lang/locale.js';
import { compileScriptMatcher, scriptShare } from '../lang/scripts.js';
import { countUnits, type LengthUnit } from '../lang/segment.js';
import { optionalNumber, optionalString, stringList } from './options.js';
import { binary, fmt } from './outcome.js';
import type { AssertionFactory } from './types.js';
import { AssertionEvaluationError, AssertionOptionsError } from './types.js';

/** The language family: language (detector), script (Unicode scripts), length (Intl.Segmenter). */

/**
 * `language`: the detected language is one of `value` (ISO 639-1 codes or BCP-47 tags, compared
 * by primary subtag), or the case's `lang` when there is no value. A text too short to identify
 * fails and says so rather than trusting a guess. An expected language the detector does not
 * know (lang/coverage.ts) is an evaluation error unless the output is in another expected one:
 * the detector can never answer with it, so a fail would blame a correct answer.
 */
export const language: AssertionFactory = (options) => {
  const expected =
    options.value === undefined || options.value === null
      ? null
      : stringList(options).map((t) => {
          const p = primaryLanguage(t);
          if (!p) throw new AssertionOptionsError('language: empty language code');
          return p;
        });
  return async (output, ctx) => {
    let want = expected;
    if (!want) {
      const fromCase = primaryLanguage(ctx.case.lang);
      if (!fromCase) {
        throw new AssertionEvaluationError(
          "language: no expected language: give `value` (e.g. value: fr) or set the test's `lang`",
        );
      }
      want = [fromCase];
    }
    const wanted = want.join(' or ');
    const unknown = want.find((w) => !canIdentify(w));
    const d = await detectLanguage(output);
    const hit = d.lang === null ? undefined : want.find((w) => languageMatches(w, d.lang!));
    if (unknown !== undefined && hit === undefined) {
      const read = d.lang ? `; the output reads as ${d.lang}` : '';
      throw new AssertionEvaluationError(`language: ${cannotIdentify(unknown)}${read}`);
    }
    if (d.lang === null) {
      const guess = d.guess ? `; the detector's unsure guess was ${d.guess}` : '';
      return binary(false, `expected ${wanted} but ${d.reason ?? 'the language is unknown'}${guess}`);
    }
    const unsure = d.reliable ? '' : ' (low confidence)';
    return hit
      ? binary(true, `output is in ${d.lang}${unsure}`)
      : binary(false, `expected ${wanted} but the output is in ${d.lang}${unsure}`);
  };
};

/**
 * `script`: share of letters written in the named Unicode script(s). Passes when the share
 * reaches `min_share` (else `threshold`, else 0.5). Score = share.
 */
export const script: AssertionFactory = (options) => {
  const names = stringList(options);
  const matcher = compileScriptMatcher(names);
  const minShare = optionalNumber(options, 'min_share') ?? optionalNumber(options, 'threshold') ?? 0.5;
  const label = names.join('+');
  return (output) => {
    const { letters, hits } = scriptShare(output.normalize('NFC'), matcher);
    if (letters === 0) return binary(false, `output has no letters, so none are in ${label}`);
    const share = hits / letters;
    const pass = share >= minShare;
    return {
      pass,
      score: share,
      reason: `${hits}/${letters} letters are ${label} (${fmt(share * 100)}%; min_share ${minShare})`,
    };
  };
};

const units: readonly LengthUnit[] = ['graphemes', 'words', 'sentences'];

/** `length`: the output's length in `unit` (default graphemes) is within `min`..`max`. */
export const length: AssertionFactory = (options) => {
  const unit = (optionalString(options, 'unit') ?? 'graphemes') as LengthUnit;
  if (!units.includes(unit))
    throw new AssertionOptionsError(`length: unit must be one of ${units.join(', ')}`);
  const min = optionalNumber(options, 'min');
  const max = optionalNumber(options, 'max');
  if (min === undefined && max === undefined)
    throw new AssertionOptionsError('length: give `min`, `max` or both');
  const range =
    min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`;
  return (output, ctx) => {
    const n = countUnits(output.normalize('NFC').trim(), unit, ctx.case.lang);
    const pass = (min === undefined || n >= min) && (max === undefined || n <= max);
    const one = unit.slice(0, -1);
    return binary(pass, `output is ${n} ${n === 1 ? one : unit} (expected ${range})`);
  };
};
