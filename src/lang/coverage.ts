/**
 * The languages detect.ts can identify: eld's 60 (the medium table), Indonesian, which the
 * close-pair rules tell from Malay, and Swahili, read by its function words (swahili.ts). A language outside this list can never be the detector's
 * answer, so `qeval validate` warns where a suite expects one and the `language` assertion ends
 * as an evaluation error for it instead of failing a correct answer. Written out rather than
 * read from eld so that validating a suite does not load eld's tables; a unit test holds the
 * list to eld's. README.md lists them ("Languages the detector identifies").
 */
export const identifiableLanguages: ReadonlySet<string> = new Set(
  (
    'am ar az be bg bn ca cs da de el en es et eu fa fi fr gu he hi hr hu hy id is it ja ka kn ko ' +
    'ku lo lt lv ml mr ms nl no or pa pl pt ro ru sk sl sq sr sv sw ta te th tl tr uk ur vi yo zh'
  ).split(' '),
);

/** Whether the detector can answer with `code` (an ISO 639-1 code, aliases already resolved). */
export function canIdentify(code: string): boolean {
  return identifiableLanguages.has(code);
}

// Made on first use: loading ICU's language names costs every validation milliseconds otherwise.
let englishNames: Intl.DisplayNames | undefined;

/** The English name of a language code ("Swahili" for sw), or the code when it has none. */
export function languageName(code: string): string {
  try {
    englishNames ??= new Intl.DisplayNames('en', { type: 'language', fallback: 'code' });
    return englishNames.of(code) ?? code;
  } catch {
    return code; // not a well-formed language subtag
  }
}

/** Where a user reads the list of languages the detector identifies. */
export const coverageDoc = 'README.md, "Languages the detector identifies"';

/** Why a language cannot be checked, for a warning or an evaluation error. */
export function cannotIdentify(code: string): string {
  return `cannot identify ${languageName(code)} (${code}): the language detector does not know it, so no answer can be checked for it (the languages it knows: ${coverageDoc})`;
}
