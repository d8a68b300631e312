/**
 * The phrases of the built-in grader prompts, per language (localized-prompts.ts assembles
 * them; compare/pairwise-prompt.ts the pairwise judge's). Written for a native reader of each language, not word for word from the English; the
 * reply format (JSON keys, `true`/`false`, the letters A–E) stays in ASCII in every language.
 * English is not here: its prompts are `llm-rubric-prompt.ts` and `factuality-prompt.ts`.
 */
import type { FactualityPhrases } from './factuality-prompt.js';

export interface GraderPhrases {
  /** Who the grader is and what it judges by. */
  rubricIntro: string;
  /** The answer's language: read it as a native reader, write the reason in it. */
  readAs: string;
  /** "Reply with one JSON object and nothing else, in this shape:" */
  replyShape: string;
  reasonHint: string;
  passHint: string;
  scoreHint: string;
  /** The factuality prompt's words; what follows the choices and the reply line come from above. */
  factuality: Omit<FactualityPhrases, 'afterChoices' | 'replyShape'>;
  /** `compare --judge`: which of two answers serves the asker better (compare/pairwise-prompt.ts). */
  pairwise: {
    /** Who the judge is, what makes an answer better, and that length and order are no merit. */
    intro: string;
    /** Both answers are meant to be in this language; read them as a native reader; reason in it. */
    readAs: string;
  };
}

export const graderPhrases = {
  zh: {
    rubricIntro: '你是一名严格而公正的评分员，负责评判 AI 助手的回答。请只依据评分标准来评判该回答。',
    readAs: '该回答应使用中文书写。请像以中文为母语的读者那样阅读它，并用中文写出你的理由。',
    replyShape: '请只回复一个 JSON 对象，不要附带任何其他内容，格式如下：',
    reasonHint: '用一两句话说明你的判断',
    passHint: '回答满足评分标准时为 true，否则为 false',
    scoreHint: '0.0（完全不满足）到 1.0（完全满足）之间的数字',
    factuality: {
      intro: '你要比较同一个问题的提交回答与专家回答在事实内容上的异同。',
      question: '问题',
      expert: '专家回答',
      submitted: '提交的回答',
      ignore: '忽略风格、措辞、语法和标点上的差异。判断以下哪一项成立：',
      a: '提交的回答是专家回答的子集，且与其完全一致。',
      b: '提交的回答是专家回答的超集，且与其完全一致。',
      c: '提交的回答包含与专家回答相同的全部细节。',
      d: '提交的回答与专家回答存在矛盾。',
      e: '两个回答有所不同，但从事实角度看，这些差异无关紧要。',
      reasonHint: '一两句话',
      or: '或',
    },
    pairwise: {
      intro:
        '你是一名严格而公正的评审，负责比较 AI 助手对同一个问题的两个回答。请判断哪个回答更能满足提问者的需要：内容正确、完整、有帮助，并遵循问题中的要求。篇幅长短本身不是优点，回答的展示顺序也没有任何意义。',
      readAs:
        '两个回答都应使用中文书写。请像以中文为母语的读者那样阅读它们；使用其他语言的回答更差。请用中文写出你的理由。',
    },
  },
  ar: {
    rubricIntro: 'أنت مُقيِّم صارم ومنصف لإجابة مساعد ذكاء اصطناعي. قيّم الإجابة وفق معايير التقييم وحدها.',
    readAs: 'الإجابة مكتوبة باللغة العربية. اقرأها كما يقرؤها متحدث أصلي بالعربية، واكتب سبب حكمك بالعربية.',
    replyShape: 'أجب بكائن JSON واحد فقط دون أي نص آخر، بهذا الشكل:',
    reasonHint: 'جملة أو جملتان تشرحان الحكم',
    passHint: 'true إذا استوفت الإجابة معايير التقييم، وإلا false',
    scoreHint: 'رقم من 0.0 (لا تستوفيها إطلاقًا) إلى 1.0 (تستوفيها تمامًا)',
    factuality: {
      intro: 'أنت تقارن المحتوى الواقعي لإجابة مقدَّمة بإجابة خبير عن السؤال نفسه.',
      question: 'السؤال',
      expert: 'إجابة الخبير',
      submitted: 'الإجابة المقدَّمة',
      ignore: 'تجاهل الاختلافات في الأسلوب والصياغة والنحو وعلامات الترقيم. حدّد أيّ الحالات التالية تنطبق:',
      a: 'الإجابة المقدَّمة جزء من إجابة الخبير ومتسقة معها تمامًا.',
      b: 'الإجابة المقدَّمة تشمل إجابة الخبير وتزيد عليها، ومتسقة معها تمامًا.',
      c: 'الإجابة المقدَّمة تتضمن التفاصيل نفسها الواردة في إجابة الخبير.',
      d: 'هناك تعارض بين الإجابة المقدَّمة وإجابة الخبير.',
      e: 'الإجابتان مختلفتان، لكن هذه الاختلافات لا تهم من حيث صحة الوقائع.',
      reasonHint: 'جملة أو جملتان',
      or: 'أو',
    },
    pairwise: {
      intro:
        'أنت حَكَم صارم ومنصف تقارن بين إجابتين لمساعد ذكاء اصطناعي عن السؤال نفسه. قرّر أيّ الإجابتين تخدم السائل على نحو أفضل: صحيحة وكاملة ومفيدة وتتّبع تعليمات السؤال. الطول وحده ليس ميزة، وترتيب عرض الإجابتين لا يعني شيئًا.',
      readAs:
        'يُفترض أن تكون الإجابتان مكتوبتين باللغة العربية. اقرأهما كما يقرؤهما متحدث أصلي بالعربية؛ والإجابة المكتوبة بلغة أخرى أسوأ. واكتب سبب حكمك بالعربية.',
    },
  },
  es: {
    rubricIntro:
      'Eres un evaluador estricto y justo de la respuesta de un asistente de IA. Juzga la respuesta únicamente según la rúbrica.',
    readAs:
      'La respuesta está escrita en español. Léela como lo haría un hablante nativo y escribe tu justificación en español.',
    replyShape: 'Responde con un único objeto JSON y nada más, con esta forma:',
    reasonHint: 'una o dos frases que expliquen el juicio',
    passHint: 'true si la respuesta cumple la rúbrica; si no, false',
    scoreHint: 'un número de 0.0 (en absoluto) a 1.0 (por completo)',
    factuality: {
      intro:
        'Vas a comparar el contenido factual de una respuesta enviada con la respuesta de un experto a la misma pregunta.',
      question: 'Pregunta',
      expert: 'Respuesta del experto',
      submitted: 'Respuesta enviada',
      ignore:
        'Ignora las diferencias de estilo, redacción, gramática y puntuación. Decide cuál de estas opciones se aplica:',
      a: 'La respuesta enviada es un subconjunto de la respuesta del experto y es totalmente coherente con ella.',
      b: 'La respuesta enviada es un superconjunto de la respuesta del experto y es totalmente coherente con ella.',
      c: 'La respuesta enviada contiene los mismos detalles que la respuesta del experto.',
      d: 'Hay un desacuerdo entre la respuesta enviada y la respuesta del experto.',
      e: 'Las respuestas difieren, pero esas diferencias no importan desde el punto de vista de los hechos.',
      reasonHint: 'una o dos frases',
      or: 'o',
    },
    pairwise: {
      intro:
        'Eres un juez estricto y justo que compara dos respuestas de un asistente de IA a la misma pregunta. Decide cuál sirve mejor a quien preguntó: correcta, completa, útil y fiel a las instrucciones de la pregunta. La extensión por sí sola no es un mérito, y el orden en que se muestran las respuestas no significa nada.',
      readAs:
        'Ambas respuestas deben estar escritas en español. Léelas como lo haría un hablante nativo; una respuesta en otro idioma es peor. Escribe tu justificación en español.',
    },
  },
  fr: {
    rubricIntro:
      "Tu es un évaluateur strict et impartial de la réponse d'un assistant d'IA. Juge la réponse uniquement au regard de la grille d'évaluation.",
    readAs:
      'La réponse est rédigée en français. Lis-la comme le ferait un lecteur francophone natif et rédige ta justification en français.',
    replyShape: "Réponds par un seul objet JSON, sans rien d'autre, sous cette forme :",
    reasonHint: 'une ou deux phrases qui expliquent ton jugement',
    passHint: 'true si la réponse satisfait la grille, sinon false',
    scoreHint: 'un nombre de 0.0 (pas du tout) à 1.0 (entièrement)',
    factuality: {
      intro:
        "Tu compares le contenu factuel d'une réponse soumise avec la réponse d'un expert à la même question.",
      question: 'Question',
      expert: "Réponse de l'expert",
      submitted: 'Réponse soumise',
      ignore:
        "Ne tiens pas compte des différences de style, de formulation, de grammaire ni de ponctuation. Indique laquelle de ces situations s'applique :",
      a: "La réponse soumise est un sous-ensemble de la réponse de l'expert et entièrement cohérente avec elle.",
      b: "La réponse soumise est un sur-ensemble de la réponse de l'expert et entièrement cohérente avec elle.",
      c: "La réponse soumise contient les mêmes éléments que la réponse de l'expert.",
      d: "La réponse soumise et la réponse de l'expert se contredisent.",
      e: 'Les réponses diffèrent, mais ces différences sont sans importance du point de vue des faits.',
      reasonHint: 'une ou deux phrases',
      or: 'ou',
    },
    pairwise: {
      intro:
        "Tu es un juge strict et impartial qui compare deux réponses d'un assistant d'IA à la même question. Décide laquelle sert le mieux la personne qui a posé la question : exacte, complète, utile et fidèle aux consignes de la question. La longueur n'est pas un mérite en soi, et l'ordre dans lequel les réponses sont présentées ne signifie rien.",
      readAs:
        'Les deux réponses doivent être rédigées en français. Lis-les comme le ferait un lecteur francophone natif ; une réponse dans une autre langue est moins bonne. Rédige ta justification en français.',
    },
  },
  de: {
    rubricIntro:
      'Du bist ein strenger, fairer Prüfer der Antwort eines KI-Assistenten. Beurteile die Antwort ausschließlich anhand des Bewertungsmaßstabs.',
    readAs:
      'Die Antwort ist auf Deutsch verfasst. Lies sie so, wie ein deutscher Muttersprachler sie lesen würde, und schreibe deine Begründung auf Deutsch.',
    replyShape: 'Antworte mit genau einem JSON-Objekt und sonst nichts, in dieser Form:',
    reasonHint: 'ein oder zwei Sätze, die das Urteil begründen',
    passHint: 'true, wenn die Antwort den Bewertungsmaßstab erfüllt, sonst false',
    scoreHint: 'eine Zahl von 0.0 (gar nicht) bis 1.0 (vollständig)',
    factuality: {
      intro:
        'Du vergleichst den sachlichen Inhalt einer eingereichten Antwort mit der Antwort eines Experten auf dieselbe Frage.',
      question: 'Frage',
      expert: 'Antwort des Experten',
      submitted: 'Eingereichte Antwort',
      ignore:
        'Lass Unterschiede in Stil, Wortwahl, Grammatik und Zeichensetzung außer Acht. Entscheide, welcher Fall zutrifft:',
      a: 'Die eingereichte Antwort ist eine Teilmenge der Expertenantwort und stimmt vollständig mit ihr überein.',
      b: 'Die eingereichte Antwort ist eine Obermenge der Expertenantwort und stimmt vollständig mit ihr überein.',
      c: 'Die eingereichte Antwort enthält dieselben Einzelheiten wie die Expertenantwort.',
      d: 'Die eingereichte Antwort widerspricht der Expertenantwort.',
      e: 'Die Antworten unterscheiden sich, aber die Unterschiede spielen für die sachliche Richtigkeit keine Rolle.',
      reasonHint: 'ein oder zwei Sätze',
      or: 'oder',
    },
    pairwise: {
      intro:
        'Du bist ein strenger, fairer Richter und vergleichst zwei Antworten eines KI-Assistenten auf dieselbe Frage. Entscheide, welche Antwort der fragenden Person besser dient: richtig, vollständig, hilfreich und den Anweisungen der Frage folgend. Länge allein ist kein Verdienst, und die Reihenfolge, in der die Antworten gezeigt werden, bedeutet nichts.',
      readAs:
        'Beide Antworten sollen auf Deutsch geschrieben sein. Lies sie so, wie eine deutsche Muttersprachlerin oder ein deutscher Muttersprachler sie liest; eine Antwort in einer anderen Sprache ist schlechter. Schreibe deine Begründung auf Deutsch.',
    },
  },
  ru: {
    rubricIntro:
      'Ты — строгий и беспристрастный оценщик ответа ИИ-ассистента. Оценивай ответ только по критериям оценки.',
    readAs:
      'Ответ написан на русском языке. Читай его так, как прочёл бы носитель русского языка, и напиши обоснование по-русски.',
    replyShape: 'Ответь одним JSON-объектом и больше ничем, в таком виде:',
    reasonHint: 'одно-два предложения с обоснованием оценки',
    passHint: 'true, если ответ соответствует критериям, иначе false',
    scoreHint: 'число от 0.0 (совсем не соответствует) до 1.0 (полностью соответствует)',
    factuality: {
      intro: 'Ты сравниваешь фактическое содержание присланного ответа с ответом эксперта на тот же вопрос.',
      question: 'Вопрос',
      expert: 'Ответ эксперта',
      submitted: 'Присланный ответ',
      ignore:
        'Не обращай внимания на различия в стиле, формулировках, грамматике и пунктуации. Определи, какой из вариантов подходит:',
      a: 'Присланный ответ — подмножество ответа эксперта и полностью с ним согласуется.',
      b: 'Присланный ответ — надмножество ответа эксперта и полностью с ним согласуется.',
      c: 'Присланный ответ содержит те же сведения, что и ответ эксперта.',
      d: 'Присланный ответ противоречит ответу эксперта.',
      e: 'Ответы различаются, но с точки зрения фактов эти различия несущественны.',
      reasonHint: 'одно-два предложения',
      or: 'или',
    },
    pairwise: {
      intro:
        'Ты строгий и беспристрастный судья: ты сравниваешь два ответа ИИ-ассистента на один и тот же вопрос. Реши, какой ответ лучше помогает тому, кто спросил: он верен, полон, полезен и следует указаниям вопроса. Длина сама по себе не достоинство, а порядок, в котором показаны ответы, ничего не значит.',
      readAs:
        'Оба ответа должны быть написаны на русском языке. Читай их так, как читает носитель языка; ответ на другом языке хуже. Напиши обоснование на русском.',
    },
  },
  ja: {
    rubricIntro:
      'あなたは AI アシスタントの回答を厳格かつ公正に採点する採点者です。評価基準だけに照らして回答を判定してください。',
    readAs:
      '回答は日本語で書かれています。日本語を母語とする読み手として読み、判定の理由も日本語で書いてください。',
    replyShape: 'JSON オブジェクトを 1 つだけ、ほかには何も付けずに、次の形式で返してください：',
    reasonHint: '判定の理由を 1〜2 文で',
    passHint: '回答が評価基準を満たしていれば true、そうでなければ false',
    scoreHint: '0.0（まったく満たしていない）から 1.0（完全に満たしている）までの数値',
    factuality: {
      intro: '同じ質問に対する提出された回答と専門家の回答について、事実の内容を比較してください。',
      question: '質問',
      expert: '専門家の回答',
      submitted: '提出された回答',
      ignore:
        '文体、言い回し、文法、句読点の違いは無視してください。次のどれに当てはまるかを判断してください：',
      a: '提出された回答は専門家の回答の一部であり、完全に整合している。',
      b: '提出された回答は専門家の回答をすべて含み、さらに情報を加えたもので、完全に整合している。',
      c: '提出された回答は専門家の回答と同じ内容をすべて含んでいる。',
      d: '提出された回答と専門家の回答の間に食い違いがある。',
      e: '回答は異なるが、その違いは事実の観点からは重要ではない。',
      reasonHint: '1〜2 文',
      or: 'または',
    },
    pairwise: {
      intro:
        'あなたは、同じ質問に対する AI アシスタントの二つの回答を比較する、厳格で公正な審査員です。質問した人にとってより役に立つのはどちらの回答かを判断してください。基準は、正確であること、漏れがないこと、有益であること、そして質問の指示に従っていることです。長さそのものは長所ではなく、回答が示される順番にも意味はありません。',
      readAs:
        '二つの回答はどちらも日本語で書かれているはずです。日本語を母語とする読者として読んでください。ほかの言語で書かれた回答は劣るものとします。理由は日本語で書いてください。',
    },
  },
  ko: {
    rubricIntro:
      '당신은 AI 어시스턴트의 답변을 엄격하고 공정하게 채점하는 채점자입니다. 오직 평가 기준에 따라서만 답변을 판단하세요.',
    readAs:
      '답변은 한국어로 작성되어 있습니다. 한국어 원어민 독자처럼 읽고, 판단 이유도 한국어로 작성하세요.',
    replyShape: '다른 내용 없이 JSON 객체 하나만 다음 형식으로 답하세요:',
    reasonHint: '판단을 설명하는 한두 문장',
    passHint: '답변이 평가 기준을 충족하면 true, 아니면 false',
    scoreHint: '0.0(전혀 충족하지 않음)부터 1.0(완전히 충족함)까지의 숫자',
    factuality: {
      intro: '같은 질문에 대해 제출된 답변과 전문가 답변의 사실 내용을 비교합니다.',
      question: '질문',
      expert: '전문가 답변',
      submitted: '제출된 답변',
      ignore: '문체, 표현, 문법, 문장 부호의 차이는 무시하세요. 다음 중 어느 것에 해당하는지 판단하세요:',
      a: '제출된 답변은 전문가 답변의 일부이며 전문가 답변과 완전히 일치한다.',
      b: '제출된 답변은 전문가 답변의 내용을 모두 담고 그 이상을 포함하며, 전문가 답변과 완전히 일치한다.',
      c: '제출된 답변은 전문가 답변과 같은 세부 내용을 모두 담고 있다.',
      d: '제출된 답변과 전문가 답변 사이에 모순이 있다.',
      e: '두 답변은 다르지만, 그 차이는 사실 관계의 관점에서 중요하지 않다.',
      reasonHint: '한두 문장',
      or: '또는',
    },
    pairwise: {
      intro:
        '당신은 같은 질문에 대한 AI 어시스턴트의 두 답변을 비교하는 엄격하고 공정한 심사자입니다. 질문한 사람에게 어느 답변이 더 도움이 되는지 판단하세요. 정확하고, 빠짐없고, 유용하며, 질문의 지시를 따르는 답변이 더 좋습니다. 길이 자체는 장점이 아니며, 답변이 제시된 순서에는 아무 의미가 없습니다.',
      readAs:
        '두 답변 모두 한국어로 작성되어야 합니다. 한국어 원어민 독자처럼 읽으세요. 다른 언어로 된 답변은 더 나쁜 답변입니다. 판단 이유는 한국어로 쓰세요.',
    },
  },
  hi: {
    rubricIntro: 'आप किसी AI सहायक के उत्तर के सख़्त और निष्पक्ष परीक्षक हैं। उत्तर को केवल मूल्यांकन मानदंड के आधार पर परखें।',
    readAs: 'उत्तर हिंदी में लिखा गया है। इसे वैसे पढ़ें जैसे कोई हिंदीभाषी पाठक पढ़ेगा, और अपना कारण हिंदी में लिखें।',
    replyShape: 'केवल एक JSON ऑब्जेक्ट से उत्तर दें, और कुछ नहीं, इस रूप में:',
    reasonHint: 'निर्णय समझाने वाले एक या दो वाक्य',
    passHint: 'यदि उत्तर मानदंड पर खरा उतरता है तो true, अन्यथा false',
    scoreHint: '0.0 (बिल्कुल नहीं) से 1.0 (पूरी तरह) तक की एक संख्या',
    factuality: {
      intro: 'आप एक ही प्रश्न के प्रस्तुत उत्तर और विशेषज्ञ के उत्तर की तथ्यात्मक सामग्री की तुलना कर रहे हैं।',
      question: 'प्रश्न',
      expert: 'विशेषज्ञ का उत्तर',
      submitted: 'प्रस्तुत उत्तर',
      ignore: 'शैली, शब्द-चयन, व्याकरण और विराम-चिह्नों के अंतर को अनदेखा करें। तय करें कि इनमें से कौन-सा लागू होता है:',
      a: 'प्रस्तुत उत्तर विशेषज्ञ के उत्तर का एक अंश है और उससे पूरी तरह मेल खाता है।',
      b: 'प्रस्तुत उत्तर में विशेषज्ञ के उत्तर की सारी बातें और उससे अधिक हैं, और वह उससे पूरी तरह मेल खाता है।',
      c: 'प्रस्तुत उत्तर में वही सभी विवरण हैं जो विशेषज्ञ के उत्तर में हैं।',
      d: 'प्रस्तुत उत्तर और विशेषज्ञ के उत्तर में विरोधाभास है।',
      e: 'दोनों उत्तर अलग हैं, लेकिन तथ्यों की दृष्टि से ये अंतर मायने नहीं रखते।',
      reasonHint: 'एक या दो वाक्य',
      or: 'या',
    },
    pairwise: {
      intro:
        'आप एक सख़्त और निष्पक्ष निर्णायक हैं, जो एक ही प्रश्न पर किसी AI सहायक के दो उत्तरों की तुलना करते हैं। तय करें कि कौन-सा उत्तर प्रश्न पूछने वाले व्यक्ति के लिए बेहतर है: सही, पूरा, उपयोगी और प्रश्न के निर्देशों का पालन करने वाला। केवल लंबाई कोई गुण नहीं है, और उत्तरों को दिखाए जाने के क्रम का कोई अर्थ नहीं है।',
      readAs:
        'दोनों उत्तर हिंदी में लिखे होने चाहिए। उन्हें वैसे पढ़ें जैसे कोई हिंदीभाषी पाठक पढ़ता है; किसी दूसरी भाषा में लिखा उत्तर बदतर है। अपना कारण हिंदी में लिखें।',
    },
  },
  pt: {
    rubricIntro:
      'Você é um avaliador rigoroso e imparcial da resposta de um assistente de IA. Julgue a resposta apenas com base na rubrica.',
    readAs:
      'A resposta está escrita em português. Leia-a como um falante nativo leria e escreva sua justificativa em português.',
    replyShape: 'Responda com um único objeto JSON e nada mais, neste formato:',
    reasonHint: 'uma ou duas frases explicando o julgamento',
    passHint: 'true se a resposta atende à rubrica; caso contrário, false',
    scoreHint: 'um número de 0.0 (nada) a 1.0 (totalmente)',
    factuality: {
      intro:
        'Você vai comparar o conteúdo factual de uma resposta enviada com a resposta de um especialista à mesma pergunta.',
      question: 'Pergunta',
      expert: 'Resposta do especialista',
      submitted: 'Resposta enviada',
      ignore:
        'Ignore diferenças de estilo, redação, gramática e pontuação. Decida qual destas opções se aplica:',
      a: 'A resposta enviada é um subconjunto da resposta do especialista e é totalmente coerente com ela.',
      b: 'A resposta enviada é um superconjunto da resposta do especialista e é totalmente coerente com ela.',
      c: 'A resposta enviada contém os mesmos detalhes que a resposta do especialista.',
      d: 'Há uma divergência entre a resposta enviada e a resposta do especialista.',
      e: 'As respostas são diferentes, mas essas diferenças não importam do ponto de vista dos fatos.',
      reasonHint: 'uma ou duas frases',
      or: 'ou',
    },
    pairwise: {
      intro:
        'Você é um juiz rigoroso e imparcial que compara duas respostas de um assistente de IA à mesma pergunta. Decida qual delas atende melhor a pessoa que perguntou: correta, completa, útil e fiel às instruções da pergunta. O tamanho, por si só, não é mérito, e a ordem em que as respostas são mostradas não significa nada.',
      readAs:
        'As duas respostas devem estar escritas em português. Leia-as como um falante nativo leria; uma resposta em outro idioma é pior. Escreva sua justificativa em português.',
    },
  },
  vi: {
    rubricIntro:
      'Bạn là người chấm điểm nghiêm khắc và công bằng cho câu trả lời của một trợ lý AI. Chỉ đánh giá câu trả lời dựa trên tiêu chí chấm điểm.',
    readAs:
      'Câu trả lời được viết bằng tiếng Việt. Hãy đọc nó như một người bản ngữ và viết lý do của bạn bằng tiếng Việt.',
    replyShape: 'Chỉ trả lời bằng một đối tượng JSON duy nhất, không kèm gì khác, theo dạng sau:',
    reasonHint: 'một hoặc hai câu giải thích nhận định',
    passHint: 'true nếu câu trả lời đáp ứng tiêu chí, ngược lại là false',
    scoreHint: 'một số từ 0.0 (hoàn toàn không) đến 1.0 (đáp ứng trọn vẹn)',
    factuality: {
      intro:
        'Bạn đang so sánh nội dung thông tin của một câu trả lời được gửi với câu trả lời của chuyên gia cho cùng một câu hỏi.',
      question: 'Câu hỏi',
      expert: 'Câu trả lời của chuyên gia',
      submitted: 'Câu trả lời được gửi',
      ignore:
        'Bỏ qua khác biệt về văn phong, cách diễn đạt, ngữ pháp và dấu câu. Hãy xác định trường hợp nào đúng:',
      a: 'Câu trả lời được gửi là một phần của câu trả lời chuyên gia và hoàn toàn nhất quán với nó.',
      b: 'Câu trả lời được gửi bao gồm toàn bộ câu trả lời chuyên gia và thêm thông tin, đồng thời hoàn toàn nhất quán với nó.',
      c: 'Câu trả lời được gửi có đầy đủ các chi tiết giống như câu trả lời chuyên gia.',
      d: 'Có sự mâu thuẫn giữa câu trả lời được gửi và câu trả lời chuyên gia.',
      e: 'Hai câu trả lời khác nhau, nhưng những khác biệt đó không quan trọng về mặt sự thật.',
      reasonHint: 'một hoặc hai câu',
      or: 'hoặc',
    },
    pairwise: {
      intro:
        'Bạn là một giám khảo nghiêm khắc và công bằng, so sánh hai câu trả lời của một trợ lý AI cho cùng một câu hỏi. Hãy quyết định câu trả lời nào phục vụ người hỏi tốt hơn: đúng, đầy đủ, hữu ích và làm theo yêu cầu của câu hỏi. Độ dài tự nó không phải là ưu điểm, và thứ tự hiển thị các câu trả lời không có ý nghĩa gì.',
      readAs:
        'Cả hai câu trả lời đều phải được viết bằng tiếng Việt. Hãy đọc chúng như một người bản ngữ; câu trả lời bằng ngôn ngữ khác thì kém hơn. Hãy viết lý do của bạn bằng tiếng Việt.',
    },
  },
} satisfies Record<string, GraderPhrases>;

/**
 * A language's phrases: its own, else its base language's (`pt-BR` → `pt`); undefined for English
 * and every language without phrases (a tag such as `constructor` is not a key of the table).
 */
export function phrasesFor(lang: string | null | undefined): GraderPhrases | undefined {
  const table: Record<string, GraderPhrases> = graderPhrases;
  const code = (lang ?? '').toLowerCase();
  const base = code.split(/[-_]/)[0]!;
  if (Object.hasOwn(table, code)) return table[code];
  return Object.hasOwn(table, base) ? table[base] : undefined;
}
