import { wordPattern, wordSet } from './close-pairs.js';

/**
 * Swahili, which eld does not know (it reads Swahili as Tagalog, Malay or Yoruba, mostly "not
 * reliable"). Swahili prose is dense in short function words and pronouns that no language of
 * eld's set writes as words: kwa, katika, kuwa, wake, zake, hii, lakini … A Latin-script text is
 * Swahili when at least two of its words are such markers and markers, with the particles
 * na ya wa ni that Swahili shares with other languages, make up a quarter of its words.
 * Measured with the other languages on the UDHR (test/unit/lang/udhr-accuracy.test.ts).
 */

/** Words only Swahili writes, among the detector's languages. */
const markers = wordSet(
  'kwa katika kuwa kwamba cha vya kila yake wake zake yako wako yangu wangu zao yao wao hii huu hiyo ' +
    'hizo hayo lakini bila pamoja mtu watu yoyote wowote zote wote yote hapa leo kesho asante sababu ' +
    'habari ndiyo hapana wewe mimi yeye sisi nyinyi ili nini gani sasa siku kati zaidi chini kwenye ' +
    'jambo mambo karibu tafadhali ambayo ambao ambaye kufanya kupata',
);
/** Particles Swahili writes on nearly every line but shares with other languages. */
const particles = wordSet('na ya wa ni za la');

const minMarkers = 2;
const minShare = 0.25;

/** Whether a lower-cased Latin-script text reads as Swahili by its function words. */
export function looksSwahili(lowerText: string): boolean {
  let words = 0;
  let strong = 0;
  let weak = 0;
  for (const [w] of lowerText.matchAll(wordPattern)) {
    words++;
    if (markers.has(w)) strong++;
    else if (particles.has(w)) weak++;
  }
  return strong >= minMarkers && strong + weak >= words * minShare;
}
