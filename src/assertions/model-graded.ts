import type { GraderConfig, ResolvedAssertion } from '../contracts/case.js';
import { lastUserText } from '../contracts/chat.js';
import type { AssertionOutcome } from '../contracts/result.js';
import { combineVotes } from './grader-vote.js';
import { type GraderAnswer, parseGraderAnswer, requirePassFail } from './graders/grader-answer.js';
import { builtInGraderPrompt } from './graders/localized-prompts.js';
import { graderTemplate } from './graders/templates.js';
import { optionalNumber, requireString } from './options.js';
import { fmt } from './outcome.js';
import type { AssertionContext, AssertionFactory, GradeFn } from './types.js';
import { AssertionEvaluationError, AssertionOptionsError } from './types.js';

/**
 * The model-graded family. A grader model reads the output and answers in JSON; its call goes
 * through the run's `GradeFn` (same client, cassettes, retries and concurrency cap). A grader
 * that fails, or answers something that is not a verdict, makes the case `error`, never `fail`.
 */

/** The grader model when neither the assertion nor the suite names one. */
export const defaultGraderModel = 'qwen-max';

type GradeMessages = Parameters<GradeFn>[0]['messages'];

export interface GraderKind {
  name: string;
  /** The built-in prompt for a case's language (`assertion.grader.prompt` and the suite's win over it). */
  defaultPrompt(lang: string | null): string;
  /**
   * Reads the assertion's own options once (a bad one is an AssertionOptionsError) and gives the
   * template's variables of one case besides `output`, `input`, `lang` and `vars`.
   */
  variables(options: ResolvedAssertion): (ctx: AssertionContext) => Record<string, unknown>;
  /** Turns the grader's answer into a verdict; throws AssertionEvaluationError on nonsense. */
  judge(answer: GraderAnswer, raw: string): { pass: boolean; score: number; reason: string };
}

/** The variables of a kind whose `value` is its one variable (`rubric`, `reference`). */
function valueAs(name: string): GraderKind['variables'] {
  return (options) => {
    const value = requireString(options);
    return () => ({ [name]: value });
  };
}

/** An assertion judged by a grader model through the run's client. */
export function graded(kind: GraderKind): AssertionFactory {
  return (options) => {
    const variables = kind.variables(options);
    const own = graderOption(options);
    const threshold = optionalNumber(options, 'threshold');
    // Compile the assertion's own prompt now so a bad template is an options error.
    if (own?.prompt) graderTemplate(own.prompt);
    return async (output, ctx) => {
      const suite = ctx.grader;
      const template = graderTemplate(own?.prompt ?? suite?.prompt ?? kind.defaultPrompt(ctx.case.lang));
      const rendered = template({
        ...variables(ctx),
        output,
        input: lastUserText(ctx.case.request?.messages ?? []),
        lang: ctx.case.lang ?? '',
        vars: ctx.case.vars,
      });
      const messages = asMessages(rendered);
      const params: Record<string, unknown> = { temperature: 0, ...suite?.params, ...own?.params };
      // JSON mode (qwen-max takes it) requires the word "json" in the prompt, or the API refuses.
      if (/json/i.test(rendered)) params.response_format = { type: 'json_object' };
      const judgeOne = async (model: string) => {
        const raw = await callGrader(kind.name, ctx, model, messages, params);
        return applyThreshold(kind.judge(parseGraderAnswer(raw), raw), threshold);
      };
      const voters = votersOf(own, suite);
      if (!voters) return judgeOne(own?.model ?? suite?.model ?? defaultGraderModel);
      const verdicts = await Promise.all(
        voters.map((model) =>
          judgeOne(model).then(
            (v) => ({ model, ...v }),
            (e: unknown) => {
              if (!(e instanceof AssertionEvaluationError) || e.message.includes(model)) throw e;
              throw new AssertionEvaluationError(`${kind.name}: grader ${model}: ${e.message}`, { cause: e });
            },
          ),
        ),
      );
      return combineVotes(verdicts, own?.vote ?? suite?.vote ?? 'majority', threshold);
    };
  };
}

/** The graders that vote, when there is a vote: the assertion's own grader wins over the suite's, as a whole. */
function votersOf(own: GraderConfig | undefined, suite: GraderConfig | undefined): string[] | undefined {
  return own?.models ?? (own?.model ? undefined : suite?.models);
}

/** Whether an assertion type is model-graded (its verdict comes from grader calls). */
export function isModelGraded(type: string): boolean {
  return type === 'llm-rubric' || type === 'factuality';
}

/**
 * The models that grade a model-graded assertion, in the order they vote (one when there is no
 * vote), with `suite` the suite's grader block.
 */
export function graderModelsOf(spec: ResolvedAssertion, suite: GraderConfig | undefined): string[] {
  const own = graderOption(spec);
  return votersOf(own, suite) ?? [own?.model ?? suite?.model ?? defaultGraderModel];
}

/** One grader call; its failure or empty answer is an evaluation error naming the model. */
/**
 * One grader call through the run's client: its raw answer, or an evaluation error naming the
 * assertion and the model (no client, a failed call, an empty answer).
 */
export async function callGrader(
  name: string,
  ctx: AssertionContext,
  model: string,
  messages: GradeMessages,
  params: Record<string, unknown>,
): Promise<string> {
  if (!ctx.grade) {
    throw new AssertionEvaluationError(`${name}: no grader available (this run has no client for ${model})`);
  }
  let raw: string;
  try {
    raw = (await ctx.grade({ model, messages, params })).output;
  } catch (e) {
    throw new AssertionEvaluationError(`${name}: grader call to ${model} failed: ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (raw.trim() === '')
    throw new AssertionEvaluationError(`${name}: grader ${model} returned an empty answer`);
  return raw;
}

function applyThreshold(v: AssertionOutcome, threshold: number | undefined): AssertionOutcome {
  if (threshold === undefined) return v;
  const pass = v.score >= threshold;
  return {
    pass,
    score: v.score,
    reason: `${v.reason} (score ${fmt(v.score)} ${pass ? '≥' : '<'} threshold ${threshold})`,
  };
}

function graderOption(a: ResolvedAssertion): GraderConfig | undefined {
  const g = a.grader;
  if (g === undefined || g === null) return undefined;
  if (typeof g !== 'object')
    throw new AssertionOptionsError(`${a.type}: \`grader\` must be an object with model and/or prompt`);
  return g as GraderConfig;
}

/** A prompt that renders to a JSON list of `{role, content}` is a conversation; else one user message. */
function asMessages(rendered: string): GradeMessages {
  const t = rendered.trim();
  if (t.startsWith('[')) {
    try {
      const list = JSON.parse(t) as unknown;
      if (
        Array.isArray(list) &&
        list.length > 0 &&
        list.every(
          (m) =>
            m &&
            typeof m === 'object' &&
            (m.role === 'system' || m.role === 'user') &&
            typeof m.content === 'string',
        )
      ) {
        return list as GradeMessages;
      }
    } catch {
      // Not a message list: the whole text is the prompt.
    }
  }
  return [{ role: 'user', content: rendered }];
}

/** `llm-rubric`: the grader's `{pass, score, reason}`; with `threshold`, pass when score ≥ threshold. */
export const llmRubric = graded({
  name: 'llm-rubric',
  defaultPrompt: (lang) => builtInGraderPrompt('llm-rubric', lang),
  variables: valueAs('rubric'),
  judge: requirePassFail,
});

const factualityCategories: Record<string, string> = {
  A: 'a consistent subset of the reference',
  B: 'a consistent superset of the reference',
  C: 'the same details as the reference',
  D: 'in disagreement with the reference',
  E: 'different from the reference in ways that do not matter for factuality',
};

/**
 * `factuality`: the grader classifies the output against the reference (A–E); D (disagreement)
 * fails with score 0, every other category passes with score 1. A custom prompt may instead
 * answer `{pass, score, reason}`.
 */
export const factuality = graded({
  name: 'factuality',
  defaultPrompt: (lang) => builtInGraderPrompt('factuality', lang),
  variables: valueAs('reference'),
  judge(answer, raw) {
    if (answer.category !== undefined && answer.category in factualityCategories) {
      const pass = answer.category !== 'D';
      const what = `(${answer.category}) the output is ${factualityCategories[answer.category]}`;
      return { pass, score: pass ? 1 : 0, reason: answer.reason ? `${what}: ${answer.reason}` : what };
    }
    if (answer.pass !== undefined && answer.score !== undefined) return requirePassFail(answer, raw);
    throw new AssertionEvaluationError(
      `factuality: grader gave no category A–E and no verdict: ${raw.slice(0, 160)}`,
    );
  },
});
