/**
 * Close relatives the n-gram detector confuses, settled by the letters and words that only one
 * of them writes. Each rule runs only when the detector already chose a member of the group, and
 * only changes its answer on evidence in the text: a letter the other language's alphabet lacks,
 * or more marker words of one side than of the other. Without such evidence the detector's
 * answer stands.
 */

/** Per-language scores from the detector, higher is likelier. */
export type Scores = Readonly<Record<string, number>>;

/** The detector's answer, changed where the text shows it is the wrong member of a close group. */
export function settleClosePairs(
  lowerText: string,
  detected: string,
  scores: Scores,
  letters: number,
): string {
  switch (detected) {
    case 'ru':
    case 'uk':
    case 'be':
    case 'bg':
    case 'sr':
      return eastSlavic(lowerText, detected, scores, letters);
    case 'es':
    case 'pt':
      return iberian(lowerText, detected);
    case 'cs':
    case 'sk':
      return czechSlovak(lowerText, detected);
    case 'da':
    case 'no':
    case 'sv':
      return scandinavian(lowerText, detected, scores);
    case 'ms':
      return malayIndonesian(lowerText);
    default:
      return detected;
  }
}

/**
 * Ukrainian is the only one of these to write ї є ґ and Belarusian the only one to write ў; both
 * write і, which Russian and Bulgarian lack. Russian and Belarusian write ы э, Ukrainian does
 * not. Serbian alone writes ђ ћ џ љ њ ј.
 */
function eastSlavic(text: string, detected: string, scores: Scores, letters: number): string {
  if (/[ђћџљњј]/u.test(text)) return 'sr';
  if (detected === 'sr') return detected;
  if (/ў/u.test(text)) return 'be';
  if (/[їєґ]/u.test(text)) return 'uk';
  if (/і/u.test(text)) {
    if (/[ыэ]/u.test(text)) return 'be';
    if (detected === 'uk' || detected === 'be') return detected;
    return better(scores, 'uk', 'be');
  }
  if (/[ыэё]/u.test(text)) {
    if (detected === 'be') return detected;
    return detected === 'uk' ? better(scores, 'ru', 'be') : 'ru';
  }
  if (detected === 'bg') return russianBulgarian(text, scores, letters);
  // і is about one letter in seventeen of Ukrainian and Belarusian prose. When the n-grams leave
  // Russian level with them, a text of this many letters without і (nor ї є ґ ў) is Russian.
  if ((detected === 'uk' || detected === 'be') && letters >= minLettersWithoutI) {
    if ((scores.ru ?? 0) >= (scores[detected] ?? 0) * (1 - levelScores)) return 'ru';
  }
  return detected;
}
const minLettersWithoutI = 20;
/** Scores closer than this share of the winner's are a tie for the n-grams. */
const levelScores = 0.01;

/**
 * Bulgarian writes ъ as a vowel (път, във, съм) and ьо; Russian writes ъ only before е ё ю я and
 * has ы э ё (settled above). Without those letters the common words decide (Russian уже, что,
 * это against Bulgarian вече, че, това, е …), and a text of 20 letters the n-grams leave level
 * is Russian: "Здравствуйте, Иван, ваш заказ уже отправлен." scored bg 0.8178 against ru 0.8174.
 */
function russianBulgarian(text: string, scores: Scores, letters: number): string {
  if (/ъ(?![еёюя])|ьо/u.test(text)) return 'bg';
  const vote = wordVote(text, russianWords, bulgarianWords);
  if (vote !== 0) return vote > 0 ? 'ru' : 'bg';
  if (letters >= minLettersWithoutI && (scores.ru ?? 0) >= (scores.bg ?? 0) * (1 - levelScores)) return 'ru';
  return 'bg';
}
const russianWords = wordSet(
  'уже что это как его был была было были который которая которое которые только если ещё еще очень сейчас здравствуйте спасибо пожалуйста нет',
);
const bulgarianWords = wordSet(
  'вече че това е са като който която което които ще съм сме сте тя бе бяха сега здравейте благодаря моля няма',
);

/** Portuguese writes ã õ, Spanish ñ and the inverted marks ¿ ¡. */
function iberian(text: string, detected: string): string {
  const pt = /[ãõ]/u.test(text);
  const es = /[ñ¿¡]/u.test(text);
  if (pt && !es) return 'pt';
  if (es && !pt) return 'es';
  return detected;
}

/** Czech writes ě ř ů, Slovak ä ľ ĺ ŕ ô. */
function czechSlovak(text: string, detected: string): string {
  const cs = /[ěřů]/u.test(text);
  const sk = /[äľĺŕô]/u.test(text);
  if (cs && !sk) return 'cs';
  if (sk && !cs) return 'sk';
  return detected;
}

/**
 * Swedish writes ä ö, Danish and Norwegian æ ø. Between those two, common words are spelled
 * apart: Danish af, uden, ret, -hed(er) against Norwegian av, uten, rett, -het(er).
 */
function scandinavian(text: string, detected: string, scores: Scores): string {
  const sv = /[äö]/u.test(text);
  const daNo = /[æø]/u.test(text);
  if (sv && !daNo) return 'sv';
  if (detected === 'sv' && !daNo) return detected;
  const vote = wordVote(text, danishWords, norwegianWords) + suffixVote(text, /heder?\b/gu, /heter?\b/gu);
  if (vote > 0) return 'da';
  if (vote < 0) return 'no';
  return detected === 'sv' ? better(scores, 'da', 'no') : detected;
}
const danishWords = wordSet('af uden gennem mellem hvad noget nogen mig dig nu efter ret straf fuld');
const norwegianWords = wordSet('av uten gjennom mellom hva noe noen meg deg nå etter rett straff full');

function suffixVote(text: string, first: RegExp, second: RegExp): number {
  return (text.match(first)?.length ?? 0) - (text.match(second)?.length ?? 0);
}

/**
 * The detector knows Malay but not Indonesian. Their standard spellings and common words differ
 * (bahwa / bahawa, karena / kerana, uang / wang, internasional / antarabangsa …); Malay stays the answer without such words.
 */
function malayIndonesian(text: string): string {
  return wordVote(text, indonesianWords, malayWords) > 0 ? 'id' : 'ms';
}
const indonesianWords = wordSet(
  'bahwa karena maupun yaitu uang saja bisa harus kawin perkawinan pemerintah merupakan kalian internasional pribadi beda berbeda perbedaan pengadilan kelompok',
);
const malayWords = wordSet(
  'bahawa kerana mahupun iaitu wang sahaja boleh hendaklah kahwin perkahwinan kerajaan antarabangsa peribadi beza berbeza perbezaan pembezaan mahkamah kumpulan lelaki sesiapa sebarang',
);

/** A run of letters: a word, for the marker-word votes. */
export const wordPattern = /\p{L}+/gu;

/** A set of marker words written as one space-separated string. */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(' '));
}

/** Marker words of the first set minus those of the second. */
function wordVote(text: string, first: ReadonlySet<string>, second: ReadonlySet<string>): number {
  let vote = 0;
  for (const [word] of text.matchAll(wordPattern)) {
    // Malay and Indonesian attach -nya (his, its, the) to any noun.
    const w = word.length > 5 && word.endsWith('nya') ? word.slice(0, -3) : word;
    if (first.has(w) || first.has(word)) vote++;
    if (second.has(w) || second.has(word)) vote--;
  }
  return vote;
}

function better(scores: Scores, a: string, b: string): string {
  return (scores[b] ?? 0) > (scores[a] ?? 0) ? b : a;
}
