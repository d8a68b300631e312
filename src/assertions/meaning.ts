import type { ResolvedAssertion } from '../contracts/case.js';
import { parseGraderAnswer, requirePassFail } from './graders/grader-answer.js';
import { callGrader, defaultGraderModel } from './model-graded.js';
import { optionalNumber, optionalString, requireString } from './options.js';
import { binary, fmt, scored } from './outcome.js';
import {
  type AssertionContext,
  AssertionEvaluationError,
  type AssertionFactory,
  AssertionOptionsError,
  type EmbedFn,
} from './types.js';

/**
 * The meaning family: answers compared by embedding through the gateway's `POST /v1/embeddings`
 * (cosine similarity). `similar` compares the output with a reference text or with the same
 * test's answer in another language; `consistent` checks that a test's answers in all its
 * languages say the same thing, naming the language that strays.
 */

/** A multilingual embedding model the gateway serves (OpenAI-compatible); `model:` picks another. */
export const defaultEmbeddingModel = 'text-embedding-3-small';

/** Whether an assertion needs the test's other languages, so its case waits for them. */
export function comparesLanguages(spec: ResolvedAssertion): boolean {
  const base = spec.type.replace(/^not-/, '');
  return base === 'consistent' || (base === 'similar' && typeof spec.lang === 'string');
}

/** Cosine similarity of two vectors; 0 when either is all zeros. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new AssertionEvaluationError(
      `embeddings of different sizes (${a.length} and ${b.length}) cannot be compared`,
    );
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

async function embedTexts(
  ctx: AssertionContext,
  type: string,
  model: string,
  input: string[],
): Promise<number[][]> {
  const embed: EmbedFn | undefined = ctx.embed;
  if (!embed)
    throw new AssertionEvaluationError(
      `${type}: no embeddings client available (offline rescoring needs the cassettes)`,
    );
  try {
    return (await embed({ model, input })).vectors;
  } catch (err) {
    throw new AssertionEvaluationError(`${type}: the embeddings call failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** The test's answers by language, the languages that answered (sorted), and those that did not. */
async function answeredLanguages(ctx: AssertionContext) {
  const outputs = await siblingOutputs(ctx, 'consistent');
  const langs = Object.keys(outputs)
    .filter((l) => typeof outputs[l] === 'string')
    .sort();
  const missing = Object.keys(outputs).filter((l) => outputs[l] === null);
  if (langs.length < 2) {
    throw new AssertionEvaluationError(
      `consistent: fewer than two languages answered${missing.length ? ` (no answer in ${missing.join(', ')})` : ''}`,
    );
  }
  return { outputs: outputs as Record<string, string>, langs, missing };
}

async function siblingOutputs(ctx: AssertionContext, type: string): Promise<Record<string, string | null>> {
  if (!ctx.siblings || ctx.case.lang === null) {
    throw new AssertionEvaluationError(
      `${type}: needs a test with a prompt map (one case per language) in a run`,
    );
  }
  return ctx.siblings();
}

/**
 * `similar`: cosine similarity of the output's embedding with `value` (a reference text) or, with
 * `lang: xx`, with the same test's answer in language xx. Passes at `threshold` (default 0.8).
 */
export const similar: AssertionFactory = (options) => {
  const lang = optionalString(options, 'lang');
  const reference = lang === undefined ? requireString(options) : undefined;
  if (lang !== undefined && options.value !== undefined) {
    throw new AssertionOptionsError(
      'similar: give `value` (a reference text) or `lang` (another language of the test), not both',
    );
  }
  const model = optionalString(options, 'model') ?? defaultEmbeddingModel;
  const threshold = optionalNumber(options, 'threshold') ?? 0.8;
  return async (output, ctx) => {
    let other = reference;
    let against = 'the reference';
    if (lang !== undefined) {
      if (ctx.case.lang === lang)
        return binary(true, `this is the ${lang} answer the others are compared with`);
      const outputs = await siblingOutputs(ctx, 'similar');
      const found = outputs[lang];
      if (typeof found !== 'string') {
        throw new AssertionEvaluationError(`similar: the test has no ${lang} answer to compare with`);
      }
      other = found;
      against = `the ${lang} answer`;
    }
    const [a, b] = await embedTexts(ctx, 'similar', model, [output, other!]);
    return scored(cosine(a!, b!), threshold, `cosine similarity to ${against} (${model})`);
  };
};

/**
 * `consistent`: the test's answers in all its languages state the same thing. `method:
 * embedding` (the default): each answer's cosine to the centroid of all of them; a language's
 * case passes when its own reaches `threshold` (default 0.8), and every case's reason names the
 * language that strays. `method: grader`: a grader
 * checks each language's answer against the pivot language's (`pivot`, default en, else the first
 * answered); the pivot's case passes when every other language agrees.
 */
export const consistent: AssertionFactory = (options) => {
  const method = optionalString(options, 'method') ?? 'embedding';
  if (method !== 'embedding' && method !== 'grader')
    throw new AssertionOptionsError(`consistent: \`method\` must be embedding or grader, got ${method}`);
  if (method === 'grader') return consistentByGrader(options);
  const model = optionalString(options, 'model') ?? defaultEmbeddingModel;
  const threshold = optionalNumber(options, 'threshold') ?? 0.8;
  return async (_output, ctx) => {
    const { outputs, langs, missing } = await answeredLanguages(ctx);
    const vectors = await embedTexts(
      ctx,
      'consistent',
      model,
      langs.map((l) => outputs[l]!),
    );
    const unit = vectors.map((v) => {
      const n = Math.hypot(...v);
      return n === 0 ? v : v.map((x) => x / n);
    });
    const centroid = unit[0]!.map((_, i) => unit.reduce((s, v) => s + v[i]!, 0) / unit.length);
    const cosines = unit.map((v) => cosine(v, centroid));
    let worst = 0;
    for (let i = 1; i < cosines.length; i++) if (cosines[i]! < cosines[worst]!) worst = i;
    const each = langs.map((l, i) => `${l} ${fmt(cosines[i]!)}`).join(', ');
    // Each language's case is judged by its own answer, so the parity view shows which strays.
    const lang = ctx.case.lang!;
    const mine = langs.indexOf(lang);
    const outcome = scored(
      cosines[mine === -1 ? worst : mine]!,
      threshold,
      `cosine of this ${lang} answer to the answers' centroid`,
    );
    const stray = cosines[worst]! < threshold ? `; ${langs[worst]} strays from the others` : '';
    const skipped = missing.length ? `; no answer in ${missing.join(', ')}` : '';
    return { ...outcome, reason: `${outcome.reason}${stray} [${each}]${skipped}` };
  };
};

/** What the grader is asked for one language against the pivot; its answer is the usual verdict JSON. */
function sameFactsPrompt(pivot: string, reference: string, lang: string, answer: string): string {
  return [
    'Two answers to the same question were written in different languages. Decide whether the',
    'answer to check states the same facts as the reference answer: the same numbers, names, dates,',
    'conditions and conclusions, whatever the language and wording. Leave style, length and politeness',
    'aside; a fact that is missing, added or different makes them differ.',
    '',
    `Reference answer (${pivot}):`,
    reference,
    '',
    `Answer to check (${lang}):`,
    answer,
    '',
    'Reply with JSON only: {"pass": true or false, "score": a number from 0 to 1 (1: the same facts),',
    '"reason": one sentence naming any fact that differs}.',
  ].join('\n');
}

function consistentByGrader(options: ResolvedAssertion): ReturnType<AssertionFactory> {
  const pivotOption = optionalString(options, 'pivot');
  const own = optionalString(options, 'model');
  return async (_output, ctx) => {
    const { outputs, langs, missing } = await answeredLanguages(ctx);
    const pivot = pivotOption ?? (langs.includes('en') ? 'en' : langs[0]!);
    if (!langs.includes(pivot)) {
      throw new AssertionEvaluationError(
        `consistent: the pivot language ${pivot} has no answer to compare with`,
      );
    }
    const model = own ?? ctx.grader?.model ?? defaultGraderModel;
    const ask = async (lang: string) => {
      const content = sameFactsPrompt(pivot, outputs[pivot]!, lang, outputs[lang]!);
      const raw = await callGrader('consistent', ctx, model, [{ role: 'user', content }], {
        temperature: 0,
        response_format: { type: 'json_object' },
      });
      return requirePassFail(parseGraderAnswer(raw), raw);
    };
    // A language's case and the pivot's case ask the same question: asked once in a run.
    const verdictFor = (lang: string) =>
      ctx.shared
        ? ctx.shared(`consistent\u0000${model}\u0000${pivot}\u0000${lang}`, () => ask(lang))
        : ask(lang);
    const skipped = missing.length ? `; no answer in ${missing.join(', ')}` : '';
    const lang = ctx.case.lang!;
    if (lang !== pivot) {
      const v = await verdictFor(lang);
      const said = v.pass
        ? `states the same facts as the ${pivot} answer`
        : `differs from the ${pivot} answer`;
      return { pass: v.pass, score: v.score, reason: `${said} (${model}): ${v.reason}${skipped}` };
    }
    // The pivot's own case: every other language against it (the questions their cases ask).
    const others = langs.filter((l) => l !== pivot);
    const verdicts = await Promise.all(others.map(verdictFor));
    const differing = others.filter((_, i) => !verdicts[i]!.pass);
    const score = Math.min(...verdicts.map((v) => v.score));
    if (differing.length === 0) {
      return {
        pass: true,
        score,
        reason: `the ${others.join(', ')} answers state the same facts as this ${pivot} answer (${model})${skipped}`,
      };
    }
    const why = differing.map((l) => `${l}: ${verdicts[others.indexOf(l)]!.reason}`).join('; ');
    return {
      pass: false,
      score,
      reason: `${differing.join(', ')} differ from this ${pivot} answer (${model}) — ${why}${skipped}`,
    };
  };
}
