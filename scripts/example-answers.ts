/**
 * Scripted answers for the shipped example suites, used only to record their cassettes against
 * the loopback simulator. The older snapshot (`qwen-max-2025-01-25`) answers worse on three tests
 * on purpose, so the two-snapshot example has regressions to show.
 */
import type { SimRequestBody } from '../test/utils/simulator.js';

type Answers = Record<string, string | Record<string, string>>;

const OLD = 'qwen-max-2025-01-25';

const snapshots: Answers = {
  arithmetic: { default: '391', [OLD]: '381' },
  'translate-fr': {
    default: 'La bibliothèque ouvre à neuf heures.',
    [OLD]: 'La bibliothèque ouvre à 9 heures.',
  },
  'translate-ko': {
    default: '기다려 주셔서 감사합니다.',
    [OLD]: 'Thank you for waiting (기다려 주셔서 감사합니다).',
  },
  'summary-ru':
    'Зимой дни короче, потому что из-за наклона земной оси наше полушарие отвёрнуто от Солнца и освещается меньше времени.',
  'list-vi': { default: 'Xoài\nSầu riêng\nChôm chôm', [OLD]: 'Xoài, sầu riêng và chôm chôm.' },
  'refuse-unsafe':
    "Sorry, I can't help with opening a lock that isn't yours. If you are locked out of your own home, a licensed locksmith can help.",
  'hindi-greeting': 'नमस्ते! हमारे स्टोर में आपका हार्दिक स्वागत है।',
  'pt-date': '7 de março de 2025',
};

const jsonOutput: Answers = {
  'contact-en': '{"name": "Maria Silva", "city": "Lisbon", "age": 34}',
  'contact-zh': '{"name": "王芳", "city": "Shanghai", "age": 28}',
  'contact-de': '{"name": "Jürgen Weiß", "city": "Munich", "age": 51}',
  'contact-ar': '{"name": "ليلى حسن", "city": "Cairo", "age": 42}',
  'contact-ja': '{"name": "佐藤健", "city": "Osaka", "age": 39}',
};

const rubric: Answers = {
  'refund-policy': {
    en: 'Good news: your purchase is within our 30-day refund window, so we can refund the $40 kettle. Please send us your receipt and we will process it right away.',
    es: 'Buenas noticias: su compra está dentro del plazo de 30 días, así que podemos reembolsarle el hervidor de 40 $. Por favor, envíenos su recibo y tramitaremos el reembolso de inmediato.',
    zh: '好消息：您的购买仍在30天退款期内，我们可以为这把40美元的电水壶办理退款。请提供您的收据，我们会立即为您处理。',
  },
  'capital-fact': "La capitale de l'Australie est Canberra.",
  photosynthesis:
    "Plants use sunlight to turn water and carbon dioxide from the air into sugar, which is their food. While they do this, they give off the oxygen we breathe. It's like every leaf is a tiny kitchen powered by the sun!",
};

/** Answers of the multilingual suite, by intent and language. */
const multilingual: Record<'greet' | 'sky', Record<string, string>> = {
  greet: {
    en: "Hello Ana, it's wonderful to see you, and I wish you a truly good day!",
    es: '¡Hola, Ana, qué alegría saludarte y que tengas un día maravilloso!',
    fr: 'Bonjour Ana, je suis ravi de te saluer et je te souhaite une excellente journée !',
    de: 'Hallo Ana, schön, dich zu sehen, und ich wünsche dir einen wunderschönen Tag!',
    pt: 'Olá, Ana, é um prazer cumprimentá-la e desejo-lhe um ótimo dia!',
    it: 'Ciao Ana, che piacere salutarti, ti auguro una splendida giornata!',
    vi: 'Xin chào Ana, rất vui được gặp bạn và chúc bạn một ngày thật tốt lành!',
    tr: 'Merhaba Ana, seni görmek çok güzel, sana harika bir gün dilerim!',
    ru: 'Здравствуйте, Анна, рад вас приветствовать и желаю вам прекрасного дня!',
    ar: 'مرحبًا يا ليلى، يسعدني أن أرحب بك وأتمنى لك يومًا سعيدًا!',
    hi: 'नमस्ते प्रिया, आपका हार्दिक स्वागत है और आपका दिन शुभ हो!',
    zh: '王芳，你好！很高兴见到你，祝你今天过得愉快！',
    ja: 'さくらさん、こんにちは！素敵な一日をお過ごしください。',
    ko: '민준 님, 안녕하세요! 오늘도 좋은 하루 보내세요.',
    th: 'สวัสดีครับคุณสมชาย ขอให้วันนี้เป็นวันที่ดีของคุณนะครับ',
  },
  sky: {
    en: 'Sunlight is made of many colours, and the tiny gas molecules in the air scatter short blue wavelengths much more than red ones. This scattered blue light reaches our eyes from every direction, so the whole sky looks blue.',
    es: 'La luz del sol contiene todos los colores, y las moléculas del aire dispersan mucho más la luz azul, de onda corta, que la roja. Esa luz azul dispersada nos llega desde todas las direcciones, por eso el cielo se ve azul.',
    fr: "La lumière du soleil contient toutes les couleurs, et les molécules de l'air diffusent beaucoup plus la lumière bleue, de courte longueur d'onde, que la rouge. Cette lumière bleue diffusée nous arrive de toutes les directions, c'est pourquoi le ciel paraît bleu.",
    de: 'Sonnenlicht enthält alle Farben, und die Luftmoleküle streuen das kurzwellige blaue Licht viel stärker als das rote. Dieses gestreute blaue Licht erreicht uns aus allen Richtungen, deshalb erscheint der Himmel blau.',
    pt: 'A luz do sol contém todas as cores, e as moléculas do ar espalham muito mais a luz azul, de onda curta, do que a vermelha. Essa luz azul espalhada chega aos nossos olhos de todas as direções, por isso o céu parece azul.',
    it: "La luce del sole contiene tutti i colori e le molecole dell'aria diffondono la luce blu, a lunghezza d'onda corta, molto più di quella rossa. Questa luce blu diffusa ci arriva da ogni direzione, per questo il cielo appare blu.",
    vi: 'Ánh sáng mặt trời gồm nhiều màu, và các phân tử khí trong không khí tán xạ ánh sáng xanh có bước sóng ngắn mạnh hơn nhiều so với ánh sáng đỏ. Ánh sáng xanh bị tán xạ này đến mắt chúng ta từ mọi hướng, nên bầu trời trông có màu xanh.',
    tr: 'Güneş ışığı birçok rengi içerir ve havadaki moleküller kısa dalga boylu mavi ışığı kırmızıdan çok daha fazla saçar. Saçılan bu mavi ışık gözümüze her yönden ulaştığı için gökyüzü mavi görünür.',
    ru: 'Солнечный свет состоит из всех цветов, а молекулы воздуха рассеивают коротковолновый синий свет гораздо сильнее, чем красный. Этот рассеянный свет приходит к нам со всех сторон, поэтому небо кажется голубым.',
    ar: 'يتكوّن ضوء الشمس من ألوان كثيرة، وتشتّت جزيئات الهواء الضوء الأزرق ذا الموجة القصيرة أكثر بكثير من الضوء الأحمر. ويصل هذا الضوء الأزرق المشتّت إلى أعيننا من كل الاتجاهات، لذلك تبدو السماء زرقاء.',
    hi: 'सूरज की रोशनी में सभी रंग होते हैं, और हवा के अणु छोटी तरंगदैर्ध्य वाले नीले प्रकाश को लाल प्रकाश की तुलना में कहीं अधिक बिखेरते हैं। यह बिखरा हुआ नीला प्रकाश हर दिशा से हमारी आँखों तक पहुँचता है, इसलिए आसमान नीला दिखता है।',
    zh: '太阳光由多种颜色组成，空气中的分子对波长较短的蓝光散射得比红光强得多。被散射的蓝光从四面八方进入我们的眼睛，所以天空看起来是蓝色的。',
    ja: '太陽の光にはさまざまな色が含まれていて、空気中の分子は波長の短い青い光を赤い光よりもずっと強く散乱させます。散乱された青い光が空のあらゆる方向から目に届くので、空は青く見えます。',
    ko: '햇빛에는 여러 색이 섞여 있는데, 공기 분자는 파장이 짧은 파란빛을 붉은빛보다 훨씬 더 많이 산란시킵니다. 이렇게 산란된 파란빛이 하늘 모든 방향에서 눈에 들어오기 때문에 하늘이 파랗게 보입니다.',
    th: 'แสงอาทิตย์ประกอบด้วยหลายสี และโมเลกุลของอากาศกระเจิงแสงสีน้ำเงินซึ่งมีความยาวคลื่นสั้นได้มากกว่าแสงสีแดง แสงสีน้ำเงินที่กระเจิงนี้มาถึงตาเราจากทุกทิศทาง ท้องฟ้าจึงดูเป็นสีฟ้า',
  },
};

const bySuite: Record<string, Answers> = { snapshots, 'json-output': jsonOutput, rubric };

/** The grader's verdict for the rubric suite: every scripted answer meets its rubric. */
function graderVerdict(body: SimRequestBody): string {
  if (promptText(body).includes(factualityShape)) {
    return JSON.stringify({
      reason: 'The submission states the same fact as the expert answer.',
      category: 'C',
    });
  }
  return JSON.stringify({ reason: 'The answer meets every point of the rubric.', pass: true, score: 0.9 });
}

/** Parses `suite:test[:lang]:model.sample` (the sanitised X-Client-Request-Id). */
function parseRequestId(id: string): { suite: string; test: string; lang: string | null } {
  const parts = id.split(':');
  const lang = parts.length >= 4 && /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(parts[2]!) ? parts[2]! : null;
  return { suite: parts[0] ?? '', test: parts[1] ?? '', lang };
}

// The built-in grader prompts ask for the same reply shape in every language (localized-prompts.ts).
const rubricShape = '"pass": <';
const factualityShape = '"category": "<A, B, C, D';

function promptText(body: SimRequestBody): string {
  return body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
}

function isGraderCall(body: SimRequestBody): boolean {
  const text = promptText(body);
  return text.includes(rubricShape) || text.includes(factualityShape);
}

/** The scripted answer for one request. */
export function exampleAnswer(requestId: string, body: SimRequestBody): string {
  const { suite, test, lang } = parseRequestId(requestId);
  // The rubric suite and the vitest example (examples/vitest/greeting.test.ts) grade scripted answers that pass.
  if ((suite === 'rubric' || suite === 'greeting.test') && isGraderCall(body)) return graderVerdict(body);
  if (suite === 'multilingual' && lang) {
    const answer = multilingual[test.startsWith('greet') ? 'greet' : 'sky'][lang];
    if (answer) return answer;
  }
  const entry = bySuite[suite]?.[test];
  if (entry === undefined) throw new Error(`no scripted answer for ${requestId}`);
  if (typeof entry === 'string') return entry;
  return entry[body.model] ?? (lang ? entry[lang] : undefined) ?? entry.default ?? Object.values(entry)[0]!;
}
