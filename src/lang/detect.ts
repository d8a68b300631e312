/**
 * Language identification with `eld`, loaded on first use (its n-gram tables are large).
 * Texts too short to identify give `lang: null` with a reason rather than a guess.
 */

export interface Detection {
  /** ISO 639-1 code, or null when the text is too short or ambiguous to tell. */
  lang: string | null;
  reliable: boolean;
  /** Why no language was given, when lang is null. */
  reason?: string;
}

type Eld = { detect(text: string): { language: string; isReliable(): boolean } };
let eldPromise: Promise<Eld> | undefined;

async function loadEld(): Promise<Eld> {
  eldPromise ??= import('eld/medium').then((m) => (m as unknown as { eld: Eld }).eld);
  return eldPromise;
}

/** Detects the language of `text`. */
export async function detectLanguage(text: string): Promise<Detection> {
  const trimmed = text.normalize('NFC').trim();
  if ([...trimmed].filter((c) => /\p{L}/u.test(c)).length < 2) {
    return { lang: null, reliable: false, reason: 'text too short to identify its language' };
  }
  const eld = await loadEld();
  const r = eld.detect(trimmed);
  if (!r.language) return { lang: null, reliable: false, reason: 'no language recognised' };
  return { lang: r.language, reliable: r.isReliable() };
}
