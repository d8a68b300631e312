import { compileAssertion } from '../../../src/assertions/compile.js';
import type { AssertionContext, EmbedFn, GradeFn } from '../../../src/assertions/types.js';
import type { Case, ResolvedAssertion } from '../../../src/contracts/case.js';
import type { ModelResponse } from '../../../src/contracts/chat.js';
import { simEmbedding } from '../../utils/sim-embeddings.js';

/** A response as the client would normalise it; override what a test needs. */
export function response(output: string, extra: Partial<ModelResponse> = {}): ModelResponse {
  return {
    output,
    finish_reason: 'stop',
    model: 'qwen-max',
    usage: { prompt_tokens: 20, completion_tokens: 30, total_tokens: 50 },
    cost_usd: 0.0002,
    cost_source: 'header',
    latency_ms: 850,
    ttft_ms: null,
    inference_id: 'inf-1',
    source: 'cassette',
    ...extra,
  };
}

/** An assertion spec as the suite loader produces it. */
export function spec(type: string, options: Record<string, unknown> = {}): ResolvedAssertion {
  return { type, weight: 1, pos: { file: 'suite.yaml', line: 1, col: 1 }, ...options } as ResolvedAssertion;
}

/** A case with one user message; override fields as needed. */
export function makeCase(assertions: ResolvedAssertion[], extra: Partial<Case> = {}): Case {
  return {
    id: 's/t/qwen-max#0',
    suite: 's',
    suite_file: 'suite.yaml',
    test_id: 't',
    model: 'qwen-max',
    variant: null,
    sample: 0,
    lang: null,
    tags: [],
    vars: {},
    request: { model: 'qwen-max', messages: [{ role: 'user', content: 'Say hello.' }] },
    assertions,
    repeat: 1,
    pass_rate: 1,
    skip: false,
    pos: { file: 'suite.yaml', line: 1, col: 1 },
    ...extra,
  };
}

/** The context an assertion sees, for calling factories directly. */
export function context(
  opts: { lang?: string | null; response?: ModelResponse; grade?: GradeFn; baseDir?: string } = {},
): AssertionContext {
  const c = makeCase([], { lang: opts.lang ?? null });
  return {
    case: c,
    response: opts.response ?? response(''),
    baseDir: opts.baseDir ?? process.cwd(),
    ...(opts.grade ? { grade: opts.grade } : {}),
  };
}

/** Compiles one assertion and runs it on `output`, in a case of language `lang`. */
export async function check(
  type: string,
  options: Record<string, unknown>,
  output: string,
  lang: string | null = null,
) {
  return compileAssertion(spec(type, options))(output, context({ lang }));
}

/** A grader that answers with fixed text and records what it was asked. */
export function fakeGrader(answer: string | (() => string)): GradeFn & { calls: Parameters<GradeFn>[0][] } {
  const calls: Parameters<GradeFn>[0][] = [];
  const fn = (async (req) => {
    calls.push(req);
    return response(typeof answer === 'function' ? answer() : answer);
  }) as GradeFn & { calls: Parameters<GradeFn>[0][] };
  fn.calls = calls;
  return fn;
}

/** Embeddings as the loopback simulator makes them, in-process; records what it was asked. */
export function fakeEmbed(): EmbedFn & { calls: Parameters<EmbedFn>[0][] } {
  const calls: Parameters<EmbedFn>[0][] = [];
  const fn = (async (req) => {
    calls.push(req);
    return {
      vectors: req.input.map(simEmbedding),
      model: req.model,
      usage: null,
      cost_usd: null,
      source: 'live',
    };
  }) as EmbedFn & { calls: Parameters<EmbedFn>[0][] };
  fn.calls = calls;
  return fn;
}
