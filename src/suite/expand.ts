/**
 * Expansion of loaded suites into cases: test × language (of a prompt map) × model × prompt
 * variant × sample, in a stable order, with prompts and assertion values rendered per case.
 * Templates are compiled once per distinct source (templates.ts); language detection runs once
 * per distinct prompt text; `json-schema` files are read once per path.
 */
import { readFile } from 'node:fs/promises';
import { type AssertionType, catalog, parseAssertionType } from '../catalog/assertions.js';
import type { AssertionSpec, Case, CaseSimulation, CaseTools, ResolvedAssertion } from '../contracts/case.js';
import type { ChatMessage, ChatRequest } from '../contracts/chat.js';
import { InputError } from '../errors.js';
import { detectLanguage } from '../lang/detect.js';
import { fastRender as render } from './fast-render.js';
import { isFileRef, resolveRef } from './file-ref.js';
import { isTemplate } from './templates.js';
import { defaultMaxSteps } from './tools.js';
import type { Suite, TestSpec } from './types.js';

/** Run-time selections and overrides. */
export interface ExpandOptions {
  /** Overrides every suite's models. */
  models?: string[];
  /** Overrides every test's repeat. */
  repeat?: number;
  /** Substring of the case id or test name, or `/re/flags`. */
  filter?: string;
  /** Only tests with at least one of these tags. */
  tags?: string[];
  /** Only cases in these languages (`zh` also selects `zh-Hant`). */
  langs?: string[];
}

/** The default model when neither the suite nor the run names one. */
export const defaultModel = 'qwen-max';

type Matcher = (caseId: string, testName: string | undefined) => boolean;

/** Compiles `--filter` once: `/re/flags` is a regular expression, anything else a substring. */
export function compileFilter(filter: string | undefined): Matcher {
  if (filter === undefined || filter === '') return () => true;
  const m = /^\/(.+)\/([dgimsuvy]*)$/.exec(filter);
  if (m) {
    let re: RegExp;
    try {
      // Without `g`/`y`: `test()` must not carry lastIndex from one case to the next.
      re = new RegExp(m[1]!, m[2]!.replace(/[gy]/g, ''));
    } catch (err) {
      throw new InputError(`--filter ${filter}: ${(err as Error).message}`, 'E_USAGE');
    }
    return (id, name) => re.test(id) || (name !== undefined && re.test(name));
  }
  return (id, name) => id.includes(filter) || (name?.includes(filter) ?? false);
}

function langMatcher(langs: string[] | undefined): (lang: string | null) => boolean {
  if (!langs || langs.length === 0) return () => true;
  const wanted = new Set(langs.map((l) => l.toLowerCase()));
  return (lang) => {
    if (lang === null) return false;
    const l = lang.toLowerCase();
    return wanted.has(l) || wanted.has(l.split('-')[0]!);
  };
}

/** Languages of a test: the keys of its prompt or messages map, or [undefined] for one prompt. */
function languagesOf(test: TestSpec): Array<string | undefined> {
  const map =
    test.prompt !== undefined && typeof test.prompt === 'object'
      ? test.prompt
      : test.messages !== undefined && !Array.isArray(test.messages)
        ? test.messages
        : undefined;
  return map ? Object.keys(map) : [undefined];
}

function renderContent(
  content: ChatMessage['content'],
  ctx: Record<string, unknown>,
): ChatMessage['content'] {
  if (typeof content === 'string') return render(content, ctx);
  if (content === null) return null;
  return content.map((part) => ({ ...part, text: render(part.text, ctx) }));
}

/** The messages of one case, `system` prepended when they have no system message. */
function buildMessages(
  suite: Suite,
  test: TestSpec,
  lang: string | undefined,
  variant: string | null,
  ctx: Record<string, unknown>,
): ChatMessage[] {
  let messages: ChatMessage[];
  if (test.prompt !== undefined) {
    const text = typeof test.prompt === 'string' ? test.prompt : test.prompt[lang!]!;
    messages = [{ role: 'user', content: render(text, ctx) }];
  } else if (test.messages !== undefined) {
    const list = Array.isArray(test.messages) ? test.messages : test.messages[lang!]!;
    messages = list.map((m) => ({ ...m, content: renderContent(m.content, ctx) }));
  } else if (test.simulate) {
    // The simulated user writes the first user message; only the system prompt goes first.
    messages = [];
  } else if (variant !== null && suite.prompts?.[variant] !== undefined) {
    messages = [{ role: 'user', content: render(suite.prompts[variant], ctx) }];
  } else {
    // Validation guarantees a prompt source; reaching here means a Suite built by hand.
    throw new InputError(`${suite.file}: test "${test.id}" has no prompt, messages or suite prompts`);
  }
  if (suite.system !== undefined && !messages.some((m) => m.role === 'system')) {
    messages.unshift({ role: 'system', content: render(suite.system, ctx) });
  }
  return messages;
}

function textOf(content: ChatMessage['content']): string {
  return typeof content === 'string' ? content : (content ?? []).map((p) => p.text).join('\n');
}

/** Reads `json-schema` file:// values once per absolute path. */
class SchemaFiles {
  readonly #cache = new Map<string, Promise<unknown>>();

  load(suite: Suite, a: AssertionSpec, ref: string): Promise<unknown> {
    const abs = resolveRef(suite.dir, ref);
    let p = this.#cache.get(abs);
    if (!p) {
      p = readFile(abs, 'utf8').then(
        (text) => {
          try {
            return JSON.parse(text) as unknown;
          } catch (err) {
            throw new InputError(
              `${a.pos.file}:${a.pos.line}:${a.pos.col}  json-schema ${ref} is not valid JSON: ${(err as Error).message}`,
            );
          }
        },
        (err: NodeJS.ErrnoException) => {
          throw new InputError(
            `${a.pos.file}:${a.pos.line}:${a.pos.col}  cannot read json-schema ${ref}: ${err.code ?? err.message}`,
          );
        },
      );
      this.#cache.set(abs, p);
    }
    return p;
  }
}

function renderValue(value: unknown, ctx: Record<string, unknown>): unknown {
  if (typeof value === 'string') return render(value, ctx);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? render(v, ctx) : v));
  return value;
}

/** What an assertion needs per case: nothing, its value rendered, or its schema file inlined. */
type AssertionWork = 'none' | 'render' | 'schema';

function assertionWork(a: AssertionSpec): AssertionWork {
  const base: AssertionType | undefined = parseAssertionType(a.type)?.base;
  if (base && catalog[base].templatedValue && a.value !== undefined) {
    const v = a.value;
    const templated =
      typeof v === 'string'
        ? isTemplate(v)
        : Array.isArray(v) && v.some((x) => typeof x === 'string' && isTemplate(x));
    return templated ? 'render' : 'none';
  }
  return base === 'json-schema' && isFileRef(a.value) ? 'schema' : 'none';
}

/** Assertions of one case: templated values rendered, file:// schemas (read beforehand) inlined. */
function resolveAssertions(
  test: TestSpec,
  work: readonly AssertionWork[],
  ctx: Record<string, unknown>,
  schemaValues: ReadonlyMap<number, unknown>,
): ResolvedAssertion[] {
  const out: ResolvedAssertion[] = [];
  for (let i = 0; i < test.assert.length; i++) {
    const a = test.assert[i]!;
    const w = work[i];
    if (w === 'render') out.push({ ...a, value: renderValue(a.value, ctx) });
    else if (w === 'schema') out.push({ ...a, value: schemaValues.get(i) });
    else out.push(a);
  }
  return out;
}

/**
 * Expands suites into cases: test × (language of a prompt map) × model × prompt variant ×
 * sample, in a stable order, with assertion values rendered per case (catalog `templatedValue`;
 * `json-schema` file:// values loaded once and inlined). Case id:
 * `<suite>/<test id>[/<lang>]/<model>[/<variant>]#<sample>` (`/<lang>` only for prompt maps;
 * `/<variant>` only for cases that run one of the suite's `prompts`; `#<sample>` 0-based).
 * Tests with `skip: true` still produce cases with `skip: true`. A test without `lang` gets the
 * language detected from its rendered prompt (null when unsure), once per distinct text.
 * The request is `{ ...test.params, model, messages }` (test.params includes the suite's).
 */
export async function expandCases(suites: Suite[], options: ExpandOptions = {}): Promise<Case[]> {
  const matches = compileFilter(options.filter);
  const langOk = langMatcher(options.langs);
  const tagSet = options.tags && options.tags.length > 0 ? new Set(options.tags) : null;
  const detected = new Map<string, Promise<string | null>>();
  const detect = (text: string) => {
    let p = detected.get(text);
    if (!p) {
      p = detectLanguage(text).then((d) => (d.reliable ? d.lang : null));
      detected.set(text, p);
    }
    return p;
  };
  const schemas = new SchemaFiles();
  const cases: Case[] = [];

  for (const suite of suites) {
    const models =
      options.models && options.models.length > 0
        ? options.models
        : suite.models.length > 0
          ? suite.models
          : [defaultModel];
    for (const test of suite.tests) {
      if (tagSet && !test.tags.some((t) => tagSet.has(t))) continue;
      const ownPrompt = test.prompt !== undefined || test.messages !== undefined;
      const variants: Array<string | null> =
        !ownPrompt && suite.prompts && !test.simulate ? Object.keys(suite.prompts) : [null];
      const repeat = options.repeat ?? test.repeat;
      const vars = { ...suite.vars, ...test.vars };
      const testInfo = { id: test.id, name: test.name ?? test.id };
      // Decided once per test: most assertions need no per-case work, so cases share the specs.
      const work = test.assert.map(assertionWork);
      const perCase = work.some((w) => w !== 'none');
      const schemaValues = new Map<number, unknown>();
      for (let i = 0; i < work.length; i++) {
        if (work[i] === 'schema')
          schemaValues.set(i, await schemas.load(suite, test.assert[i]!, test.assert[i]!.value as string));
      }
      const shared =
        perCase && !work.includes('render') ? resolveAssertions(test, work, {}, schemaValues) : null;
      // Per-case objects are shallow copies of these (one fast clone each) with the case's values
      // set in place: the same keys in the same order as spreading vars or params per case.
      const ctxBase: Record<string, unknown> = { ...vars, lang: '', model: '', test: testInfo };
      // test.params already holds the suite's params under defaults' and the test's own.
      const requestBase = { ...test.params, model: '', messages: [] } as ChatRequest;
      const tools = caseTools(test);
      if (tools && requestBase.tools === undefined)
        requestBase.tools = (test.tools ?? []).map((t) => t.definition);
      for (const mapLang of languagesOf(test)) {
        for (const model of models) {
          for (const variant of variants) {
            const prefix = `${suite.name}/${test.id}${mapLang !== undefined ? `/${mapLang}` : ''}/${model}${variant !== null ? `/${variant}` : ''}`;
            // Cheap rejection before rendering: the filter sees ids, not rendered text.
            if (
              !matches(`${prefix}#0`, test.name) &&
              !(repeat > 1 && matchesAnySample(matches, prefix, repeat, test.name))
            ) {
              continue;
            }
            const known = test.lang ?? mapLang;
            const ctx = { ...ctxBase };
            ctx.lang = known ?? '';
            ctx.model = model;
            const messages = buildMessages(suite, test, mapLang, variant, ctx);
            let lang: string | null = known ?? null;
            if (lang === null) {
              const user = messages.findLast((m) => m.role === 'user');
              lang = user ? await detect(textOf(user.content)) : null;
            }
            if (!langOk(lang)) continue;
            const request = { ...requestBase };
            request.model = model;
            request.messages = messages;
            const turns = test.turns?.map((u) => ({
              user: render(typeof u === 'string' ? u : (u[mapLang ?? ''] ?? Object.values(u)[0] ?? ''), ctx),
            }));
            const assertions = !perCase
              ? test.assert
              : (shared ?? resolveAssertions(test, work, ctx, schemaValues));
            for (let sample = 0; sample < repeat; sample++) {
              const id = `${prefix}#${sample}`;
              if (!matches(id, test.name)) continue;
              cases.push({
                id,
                suite: suite.name,
                suite_file: suite.file,
                ...(test.pos.file !== suite.file ? { data_file: test.pos.file } : {}),
                test_id: test.id,
                ...(test.name !== undefined ? { test_name: test.name } : {}),
                model,
                variant,
                sample,
                lang,
                tags: test.tags,
                vars,
                request,
                assertions,
                ...(test.threshold !== undefined ? { threshold: test.threshold } : {}),
                repeat,
                pass_rate: test.pass_rate,
                skip: test.skip,
                ...(suite.grader ? { grader: suite.grader } : {}),
                ...(tools ? { tools } : {}),
                ...(turns ? { turns } : {}),
                ...(test.simulate ? { simulate: renderSimulation(test.simulate, ctx) } : {}),
                ...(test.goal !== undefined ? { goal: render(test.goal, ctx) } : {}),
                pos: test.pos,
              });
            }
          }
        }
      }
    }
  }
  return cases;
}

/** A case's simulated user: persona and goal rendered with the case's vars. */
function renderSimulation(sim: CaseSimulation, ctx: Record<string, unknown>): CaseSimulation {
  return { ...sim, persona: render(sim.persona, ctx), goal: render(sim.goal, ctx) };
}

/** The tools of a test's cases: mocks by name and the step bound; undefined without tools. */
function caseTools(test: TestSpec): CaseTools | undefined {
  if (!test.tools || test.tools.length === 0) return undefined;
  const mocks: CaseTools['mocks'] = {};
  for (const t of test.tools) if (t.mock) mocks[t.definition.function.name] = t.mock;
  return { mocks, max_steps: test.max_steps ?? defaultMaxSteps };
}

/** Whether some sample id of a case matches (a filter such as `#2` selects one sample). */
function matchesAnySample(
  matches: Matcher,
  prefix: string,
  repeat: number,
  name: string | undefined,
): boolean {
  for (let s = 1; s < repeat; s++) if (matches(`${prefix}#${s}`, name)) return true;
  return false;
}
