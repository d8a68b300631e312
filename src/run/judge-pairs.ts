/**
 * `compare --judge`: asks a grader, through the same client and cassettes as a run, which of
 * A's and B's answers is better for each paired case — once with A's answer first and once with
 * B's first — and summarises the verdicts (compare/pairwise.ts). A failed call is data on its
 * pair (`error`), never a throw; a 401/403 stops, as in a run.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultGraderModel } from '../assertions/model-graded.js';
import type { CassetteTransport } from '../cassette/transport.js';
import { type AnsweredPair, answeredPairs, type ComparisonSides } from '../compare/compare.js';
import { combineVotes, summarisePairwise } from '../compare/pairwise.js';
import { pairwiseMessages, parsePairwiseAnswer } from '../compare/pairwise-prompt.js';
import { lastUserText } from '../contracts/chat.js';
import type { PairwiseCase, PairwiseJudgement, PairwiseWinner } from '../contracts/comparison.js';
import type { Report } from '../contracts/report.js';
import { QevalError } from '../errors.js';
import { ProviderError } from '../provider/errors.js';
import type { Transport } from '../provider/transport.js';
import type { ChatClient } from '../provider/types.js';
import { loadSuites } from '../suite/load.js';
import { type GatewaySettings, settingsCassettes, settingsClient } from './gateway.js';

/** The settings `compare --judge` reads: where and how to call, and the cassettes. */
export type JudgeSettings = GatewaySettings;

export interface JudgeOptions {
  /** The grader model (default: qwen-max, the default grader). */
  model?: string;
  /** The reports the sides came from: their suites say which cassette file a call belongs to. */
  reports: Report[];
  cwd?: string;
  /** Provenance written into cassettes this session records (env `QEVAL_CASSETTE_NOTE`). */
  note?: string;
  /** A transport of the caller's (tests); default the cassettes, or the network with `--mode live`. */
  transport?: Transport;
}

/** The pairwise judgement of the sides, and a warning when some pairs got no verdict. */
export interface JudgeOutcome {
  judgement: PairwiseJudgement;
  warning: string | null;
}

/** Judges every paired case with an answer on both sides, in both orders. */
export async function judgePairs(
  sides: ComparisonSides,
  settings: JudgeSettings,
  options: JudgeOptions,
): Promise<JudgeOutcome> {
  const model = options.model ?? (await suitesGrader(options)) ?? defaultGraderModel;
  const pairs = answeredPairs(sides);
  const cassettes = options.transport ? undefined : await openTransport(settings, options);
  const transport = options.transport ?? cassettes;
  const client = settingsClient(settings, transport);
  let cases: PairwiseCase[];
  try {
    // The client's slots cap the calls in flight; every pair's two calls are queued at once.
    cases = await Promise.all(pairs.map((p) => judgeOne(client, model, p)));
  } finally {
    await cassettes?.close();
  }
  const judgement = summarisePairwise(cases, model, { a: sides.a.label, b: sides.b.label });
  const failed = cases.filter((c) => c.winner === 'error');
  const warning =
    failed.length === 0
      ? null
      : `pairwise: ${failed.length} of ${cases.length} pair(s) got no verdict and are left out (first: ${failed[0]!.key}: ${failed[0]!.reason})`;
  return { judgement, warning };
}

/** The grader model the reports' suites name, when they name one and agree; else undefined. */
async function suitesGrader(options: JudgeOptions): Promise<string | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const files = [...new Set(options.reports.flatMap((r) => r.run.suites.map((s) => resolve(cwd, s.file))))];
  const present = (await Promise.all(files.map(async (f) => ((await exists(f)) ? f : null)))).filter(
    (f): f is string => f !== null,
  );
  if (present.length === 0) return undefined;
  try {
    const { suites } = await loadSuites(present, { cwd });
    const named = new Set(suites.map((s) => s.grader?.model).filter((m): m is string => !!m));
    return named.size === 1 ? [...named][0] : undefined;
  } catch (err) {
    // Suites that no longer load say nothing about the grader: the default grader it is.
    if (err instanceof QevalError) return undefined;
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function openTransport(
  settings: JudgeSettings,
  options: JudgeOptions,
): Promise<CassetteTransport | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const suites = new Map<string, string>();
  for (const r of options.reports) for (const s of r.run.suites) suites.set(s.name, resolve(cwd, s.file));
  return settingsCassettes(
    settings,
    [...suites].map(([name, file]) => ({ name, file })),
    cwd,
    {
      note: options.note,
      rerecordHint:
        're-record with the same qeval compare command and --mode auto (records only what is missing; needs AIMLAPI_KEY)',
    },
  );
}

/** One pair: the two orders side by side, their verdicts mapped from positions back to sides. */
async function judgeOne(client: ChatClient, model: string, pair: AnsweredPair): Promise<PairwiseCase> {
  const question = lastUserText(pair.a.request?.messages ?? []);
  const answerA = pair.a.response!.output;
  const answerB = pair.b.response!.output;
  const ask = async (first: string, second: string, firstSide: 'a' | 'b') => {
    const messages = pairwiseMessages({ question, first, second, lang: pair.ref.lang });
    try {
      const reply = await client.complete(
        { model, messages, temperature: 0, response_format: { type: 'json_object' } },
        { caseId: pair.b.id, sample: pair.sample, purpose: 'grader', suite: pair.ref.suite },
      );
      const read = parsePairwiseAnswer(reply.output);
      if (!read.ok) return { vote: null, reason: read.reason };
      const secondSide = firstSide === 'a' ? 'b' : 'a';
      const vote: PairwiseWinner =
        read.better === 'tie' ? 'tie' : read.better === 'first' ? firstSide : secondSide;
      return { vote, reason: read.reason };
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      return { vote: null, reason: `grader call to ${model} failed: ${err.message}` };
    }
  };
  const [aFirst, bFirst] = await Promise.all([ask(answerA, answerB, 'a'), ask(answerB, answerA, 'b')]);
  const winner = combineVotes(aFirst.vote, bFirst.vote);
  const reasons = [aFirst, bFirst].map((v) => v.reason).filter((r) => r !== '');
  return {
    key: pair.ref.key,
    lang: pair.ref.lang,
    sample: pair.sample,
    case_a: pair.a.id,
    case_b: pair.b.id,
    winner,
    votes: { a_first: aFirst.vote, b_first: bFirst.vote },
    reason: [...new Set(reasons)].join(' | '),
  };
}
