import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canIdentify,
  cannotIdentify,
  identifiableLanguages,
  languageName,
} from '../../../src/lang/coverage.js';
import { detectLanguage } from '../../../src/lang/detect.js';
import { udhrLanguages, udhrOtherLanguages, udhrRelatives } from '../../utils/udhr-samples.js';

describe('the languages the detector identifies', () => {
  it("are eld's languages, Indonesian (close-pair rules) and Swahili (function words)", async () => {
    const { eld } = (await import('eld/medium')) as unknown as {
      eld: { info(): { Languages: Record<string, string> } };
    };
    const fromEld = Object.values(eld.info().Languages);
    expect([...identifiableLanguages].sort()).toEqual([...fromEld, 'id', 'sw'].sort());
  });

  it('are all measured on the UDHR, except Oriya and Sorani Kurdish that the package lacks', () => {
    const measured = new Set(
      [udhrLanguages, udhrRelatives, udhrOtherLanguages].flatMap((m) => Object.keys(m)),
    );
    expect([...identifiableLanguages].filter((l) => !measured.has(l)).sort()).toEqual(['ku', 'or']);
    expect([...measured].filter((l) => !canIdentify(l))).toEqual([]);
  });

  it("are the ones README.md lists, and the README's unidentified ones are not among them", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.split('### Languages the detector identifies')[1]!.split('\n## ')[0]!;
    const [listed, notListed] = section.split('**Not identified**') as [string, string];
    const bullets = listed.split('\n- ').slice(1).join(' ');
    for (const code of identifiableLanguages) expect(bullets, code).toMatch(new RegExp(`\\b${code}\\b`));
    const unidentified = [...notListed.matchAll(/\(([a-z]{2,3})\)/g)].map((m) => m[1]!);
    expect(unidentified.length).toBeGreaterThan(10);
    expect(unidentified.filter(canIdentify)).toEqual([]);
  });

  it('names a language it cannot identify in English, with its code', () => {
    expect(canIdentify('km')).toBe(false);
    expect(languageName('km')).toBe('Khmer');
    expect(languageName('not a code')).toBe('not a code');
    expect(cannotIdentify('km')).toMatch(/^cannot identify Khmer \(km\): .*README\.md/);
  });
});

describe('Swahili, which eld lacks', () => {
  const lang = async (text: string) => (await detectLanguage(text)).lang;

  it('reads a clean Swahili answer as sw, in any case (issue 20: it came out "tl (low confidence)")', async () => {
    const text = 'Habari yako? Mimi ni mwalimu na ninafundisha watoto shuleni kila siku.';
    expect(await lang(text)).toBe('sw');
    expect(await lang(text.toUpperCase())).toBe('sw');
    expect(await lang('Asante sana kwa msaada wako, tutaonana kesho asubuhi.')).toBe('sw');
    expect(await lang('Agizo lako limetumwa leo na litafika kwako ndani ya siku mbili.')).toBe('sw');
  });

  it('does not take Tagalog, Malay or Yoruba for Swahili', async () => {
    expect(await lang('Magandang umaga po, kumusta na kayo ngayong araw na ito?')).toBe('tl');
    expect(await lang('Saya tidak boleh datang kerana perlu bekerja sehingga malam.')).toBe('ms');
    expect(await lang('Ẹ kú àárọ̀, ṣé dáadáa ni ẹ wà lónìí? Mo fẹ́ rí yín.')).toBe('yo');
  });
});
