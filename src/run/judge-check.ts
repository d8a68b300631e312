/**
 * `qeval judge-check`: grades the stored answers of every model-graded assertion of a report
 * `samples` times, through the run's client and cassettes, and measures how far each grader
 * agrees with itself and with the other graders (`judge-agreement.ts`). Sample 0 is the grading
 * the run itself made (the same cassette entry); sample s > 0 carries `regrade: s` in its call
 * context, so its cassette entry is its own. Never prints.
 */
import { graderModelsOf, isModelGraded } from '../assertions/model-graded.js';
import { scoreCase } from '../assertions/score.js';
import type { Case, ResolvedAssertion } from '../contracts/case.js';
import {
  JUDGE_CHECK_VERSION,
  type JudgeCheck,
  type JudgeCheckAssertion,
  SELF_AGREEMENT_FLOOR,
} from '../contracts/judge-check.js';
import type { Report } from '../contracts/report.js';
import type { AssertionResult } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import type { Transport } from '../provider/transport.js';
import type { ChatClient } from '../provider/types.js';
import { graderFor } from './case-runner.js';
import { agreementOf, type Grading } from './judge-agreement.js';
import { clientFor, loadStoredCases, type StoredCases, transportFor } from './stored-cases.js';

export interface JudgeCheckOptions {
  /** Gradings of each stored answer, the run's own included (≥ 2). */
  samples: number;
  cwd?: string;
  transport?: Transport;
  /** Seed of the bootstrap intervals. */
  seed?: number;
}

export interface JudgeCheckOutcome {
  judgeCheck: JudgeCheck;
  /** The report with `judge_check` set. */
  report: Report;
}

/** One model-graded assertion of a case to grade again. */
interface Target {
  c: Case;
  index: number;
  spec: ResolvedAssertion;
  models: string[];
}

export async function judgeCheck(
  previous: Report,
  settings: Settings,
  options: JudgeCheckOptions,
): Promise<JudgeCheckOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const stored = await loadStoredCases(previous, cwd);
  const targets = targetsOf(previous, stored);
  const transport = options.transport ?? (await transportFor(settings, stored.suites, cwd, settings.mode));
  const client = clientFor(settings, transport);
  const byCase = new Map<Case, Target[]>();
  for (const t of targets) push(byCase, t.c, t);
  let graded: Array<{ c: Case; sample: number; results: AssertionResult[] }>;
  try {
    // In a fixed order whatever order the calls finish in: the bootstrap resamples items by index.
    graded = await Promise.all(
      [...byCase].flatMap(([c, mine]) =>
        Array.from({ length: options.samples }, async (_, sample) => ({
          c,
          sample,
          results: await gradeAgain(client, stored, c, mine, sample),
        })),
      ),
    );
  } finally {
    if (!options.transport) await transport.close();
  }
  const gradings = new Map<string, Grading[]>();
  const byLang = new Map<string, Grading[]>();
  const failed = new Set<string>();
  for (const { c, sample, results } of graded) {
    for (const [i, t] of byCase.get(c)!.entries()) {
      const verdicts = verdictsOf(results[i]!, t.models);
      const item = `${c.id}#${t.index}`;
      if (verdicts === null) failed.add(item);
      push(gradings, assertionKey(t), { item: c.id, sample, verdicts });
      push(byLang, c.lang ?? 'none', { item, sample, verdicts });
    }
  }
  const bootstrap = { seed: options.seed ?? 1 };
  const assertions: JudgeCheckAssertion[] = [];
  for (const t of targets) {
    const key = assertionKey(t);
    const group = gradings.get(key);
    if (!group) continue;
    gradings.delete(key);
    const a: JudgeCheckAssertion = {
      suite: t.c.suite,
      test_id: t.c.test_id,
      index: t.index,
      type: t.spec.type,
      value: typeof t.spec.value === 'string' ? t.spec.value : JSON.stringify(t.spec.value ?? null),
      ...agreementOf(group, options.samples, bootstrap),
    };
    if (typeof t.spec.name === 'string') a.name = t.spec.name;
    assertions.push(a);
  }
  const languages = [...byLang]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lang, group]) => ({ lang, ...agreementOf(group, options.samples, bootstrap) }));
  const result: JudgeCheck = {
    version: JUDGE_CHECK_VERSION,
    samples: options.samples,
    floor: SELF_AGREEMENT_FLOOR,
    assertions,
    languages,
    errors: failed.size,
  };
  return { judgeCheck: result, report: { ...previous, judge_check: result } };
}

/** Every model-graded assertion of every stored answer whose test still exists. */
function targetsOf(previous: Report, stored: StoredCases): Target[] {
  const out: Target[] = [];
  for (const old of previous.cases) {
    const c = stored.byId.get(old.id);
    if (!c || !old.response || old.status === 'skipped') continue;
    for (const [index, spec] of c.assertions.entries()) {
      if (isModelGraded(spec.type)) out.push({ c, index, spec, models: graderModelsOf(spec, c.grader) });
    }
  }
  return out;
}

/** The targets of one case graded once more, as sample `sample`. */
async function gradeAgain(
  client: ChatClient,
  stored: StoredCases,
  c: Case,
  targets: readonly Target[],
  sample: number,
): Promise<AssertionResult[]> {
  const signal = new AbortController().signal;
  const outcome = await scoreCase({
    case: { ...c, assertions: targets.map((t) => t.spec) },
    response: stored.stored.get(c.id)!.response!,
    grade: graderFor(client, c, signal, sample),
    baseDir: stored.suiteByName.get(c.suite)!.dir,
  });
  return outcome.assertions;
}

/** Each grader's verdict of one grading; null when it could not be evaluated. */
function verdictsOf(r: AssertionResult, models: readonly string[]): Grading['verdicts'] {
  if (r.error) return null;
  return r.graders?.map((g) => ({ model: g.model, pass: g.pass })) ?? [{ model: models[0]!, pass: r.pass }];
}

function assertionKey(t: Target): string {
  return `${t.c.suite}\u0000${t.c.test_id}\u0000${t.index}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
