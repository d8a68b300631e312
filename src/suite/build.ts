/**
 * Builds a `Suite` from a parsed suite document: `defaults` merged into tests, `file://`
 * prompts read, datasets turned into tests, ids given. Works on documents that failed the
 * schema too (every field is type-checked before use), so all problems surface in one pass.
 */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { suggest } from '../catalog/suggest.js';
import { type AssertionSpec, type GraderConfig, type GraderVote, graderVotes } from '../contracts/case.js';
import type { ChatMessage } from '../contracts/chat.js';
import type { SourcePos } from '../contracts/diagnostic.js';
import type { BuildContext } from './build-context.js';
import { readDataset } from './dataset.js';
import { normaliseId, readRowFields } from './dataset-fields.js';
import type { PathSeg } from './document-path.js';
import { displayPath, isFileRef, resolveRef } from './file-ref.js';
import { idPattern } from './schema.js';
import { buildSimulation } from './simulate.js';
import type { TemplateSite } from './template-site.js';
import { buildAssertions, buildMessages, pos, readRef, textOrRef } from './test-parts.js';
import { type BuiltTool, buildTools, mergeTools } from './tools.js';
import type { Suite, TestSpec } from './types.js';

/** Keys that are a typo of `prompt` or `messages` (memoised: 10,000 tests repeat the same keys). */
const promptTypos = new Map<string, boolean>();
function looksLikePrompt(k: string): boolean {
  let typo = promptTypos.get(k);
  if (typo === undefined) {
    typo = k !== 'prompt' && k !== 'messages' && suggest(k, ['prompt', 'messages']) !== undefined;
    if (promptTypos.size < 1000) promptTypos.set(k, typo);
  }
  return typo;
}

/** A built test with where it came from, for the semantic checks. */
export interface BuiltTest {
  spec: TestSpec;
  /** Path of the test in the suite document; null for a dataset row. */
  path: PathSeg[] | null;
  /** Templates this test renders (its own and the suite's), with their sites. */
  templates: TemplateSite[];
  /** The test's own `params` (the suite's and defaults' are checked once, at their own paths). */
  ownParams: Record<string, unknown>;
  /** Uses the suite's prompt variants. */
  usesVariants: boolean;
  /** Whether the id was written (so a duplicate is reported at it). */
  idWritten: boolean;
  /** A key that looks like a misspelt `prompt`/`messages` (so "nothing to send" is not added). */
  misspeltPrompt: boolean;
  /** Where the test's `lang` is written: its own, or `defaults.lang`; null when it has none. */
  langPath: PathSeg[] | null;
  /** The test's own `tools:` (the suite's are checked once, on the suite). */
  ownTools?: BuiltTool[];
  /** The keys as written of a test with `simulate:` or `goal:` (what may stand beside them is checked). */
  simulateKeys?: string[];
}

/** A suite with its built tests. */
export interface BuiltSuite {
  suite: Suite;
  tests: BuiltTest[];
  defaultsParams: Record<string, unknown>;
  /** The suite's own `models:` entries with their document paths (none when it names none). */
  writtenModels: Array<{ model: string; path: PathSeg[] }>;
  /** The suite's `tools:` and `defaults.tools` as written (each list checked on its own). */
  suiteTools: BuiltTool[][];
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const tagList = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];

/** What may stand in a case id as it is: no separators, no white space, no control characters. */
const idSafe = new RegExp(idPattern);

/** A test id from a name: lower case, letters and digits kept (any script), the rest `-`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Builds the suite; every problem is pushed to ctx.diags. */
export async function buildSuite(raw: Obj, ctx: BuildContext, fileStem: string): Promise<BuiltSuite> {
  const suiteSites: TemplateSite[] = [];
  const writtenModels =
    typeof raw.models === 'string'
      ? [{ model: raw.models, path: ['models'] }]
      : Array.isArray(raw.models)
        ? raw.models.flatMap((m, i) =>
            typeof m === 'string' && m !== '' ? [{ model: m, path: ['models', i] }] : [],
          )
        : [];
  const models = writtenModels.map((w) => w.model);
  const system = await textOrRef(ctx, raw.system, ['system'], 'system prompt', suiteSites);
  let prompts: Record<string, string> | undefined;
  const variantSites = new Map<string, TemplateSite[]>();
  if (isObj(raw.prompts)) {
    prompts = {};
    for (const [name, v] of Object.entries(raw.prompts)) {
      const sites: TemplateSite[] = [];
      const text = await textOrRef(ctx, v, ['prompts', name], 'prompt', sites);
      if (text !== undefined) prompts[name] = text;
      variantSites.set(name, sites);
    }
  }
  let grader: GraderConfig | undefined;
  if (isObj(raw.grader)) {
    grader = {};
    if (typeof raw.grader.model === 'string') grader.model = raw.grader.model;
    const { models, vote, params } = raw.grader;
    if (Array.isArray(models) && models.every((m) => typeof m === 'string')) grader.models = models;
    if (typeof vote === 'string' && (graderVotes as readonly string[]).includes(vote)) {
      grader.vote = vote as GraderVote;
    }
    if (isObj(params)) grader.params = params;
    const gp = raw.grader.prompt;
    if (typeof gp === 'string') {
      grader.prompt = isFileRef(gp) ? await readRef(ctx, gp, ['grader', 'prompt'], 'grader prompt') : gp;
    }
  }
  const given = str(raw.name);
  // A name is display text ("Support bot — Arabic"); case ids and cassette files need an id, so a
  // name that is not one is used through its slug, and kept as the suite's title.
  const name = given === undefined ? fileStem : idSafe.test(given) ? given : slugify(given) || fileStem;
  const suite: Suite = {
    name,
    ...(given !== undefined && given !== name ? { title: given } : {}),
    file: ctx.file,
    dir: ctx.dir,
    models: models.length > 0 ? models : ctx.defaultModels?.length ? ctx.defaultModels : ['qwen-max'],
    params: obj(raw.params),
    vars: obj(raw.vars),
    tests: [],
    ...(str(raw.description) !== undefined ? { description: str(raw.description) } : {}),
    ...(system !== undefined ? { system } : {}),
    ...(prompts ? { prompts } : {}),
    ...(grader ? { grader } : {}),
  };
  const defaults = obj(raw.defaults);
  const writtenTools: [BuiltTool[] | undefined, BuiltTool[] | undefined] = [
    await buildTools(ctx, raw.tools, ['tools']),
    await buildTools(ctx, defaults.tools, ['defaults', 'tools']),
  ];
  const suiteTools = mergeTools(...writtenTools);
  if (suiteTools) suite.tools = suiteTools.map((t) => t.spec);
  const suiteMaxSteps = num(defaults.max_steps) ?? num(raw.max_steps);
  if (suiteMaxSteps !== undefined) suite.max_steps = suiteMaxSteps;
  const defaultSites: TemplateSite[] = [];
  const defaultAsserts = await buildAssertions(ctx, defaults.assert, ['defaults', 'assert'], defaultSites);
  const tests: BuiltTest[] = [];

  /** Reads a test's (or defaults') `prompt` / `messages`, from `src` at document path `base`. */
  const readPrompt = async (
    src: Obj,
    base: PathSeg[],
    sites: TemplateSite[],
  ): Promise<{ prompt: TestSpec['prompt']; messages: TestSpec['messages'] }> => {
    let prompt: TestSpec['prompt'];
    let messages: TestSpec['messages'];
    if (typeof src.prompt === 'string')
      prompt = await textOrRef(ctx, src.prompt, [...base, 'prompt'], 'prompt', sites);
    else if (isObj(src.prompt)) {
      const map: Record<string, string> = {};
      for (const [lang, v] of Object.entries(src.prompt)) {
        const text = await textOrRef(ctx, v, [...base, 'prompt', lang], 'prompt', sites);
        if (text !== undefined) map[lang] = text;
      }
      prompt = map;
    }
    if (Array.isArray(src.messages))
      messages = buildMessages(ctx, src.messages, [...base, 'messages'], sites);
    else if (isObj(src.messages)) {
      const map: Record<string, ChatMessage[]> = {};
      for (const [lang, list] of Object.entries(src.messages)) {
        const m = buildMessages(ctx, list, [...base, 'messages', lang], sites);
        if (m) map[lang] = m;
      }
      messages = map;
    }
    return { prompt, messages };
  };
  let inherited: { value: Awaited<ReturnType<typeof readPrompt>>; sites: TemplateSite[] } | undefined;
  if (defaults.prompt !== undefined || defaults.messages !== undefined) {
    const sites: TemplateSite[] = [];
    inherited = { value: await readPrompt(defaults, ['defaults'], sites), sites };
  }

  const makeTest = async (
    t: Obj,
    index: number,
    path: PathSeg[] | null,
    rowPos?: SourcePos,
  ): Promise<BuiltTest> => {
    const sites: TemplateSite[] = [...suiteSites, ...defaultSites];
    const own = path ?? [];
    // NFC, so the NFC and NFD spellings of one id are one test (a duplicate), and case ids,
    // cassettes, --resume and baselines see one spelling.
    const writtenId =
      typeof t.id === 'string'
        ? normaliseId(t.id)
        : typeof t.id === 'number' && Number.isInteger(t.id)
          ? String(t.id)
          : undefined;
    const name = str(t.name);
    const slug = name ? slugify(name) : '';
    const id = writtenId ?? (slug !== '' ? slug : String(index));
    let prompt: TestSpec['prompt'];
    let messages: TestSpec['messages'];
    const ownPrompt = t.prompt !== undefined || t.messages !== undefined;
    // A simulated user writes every user turn: no prompt of the defaults, no prompt variants.
    const simulate = path ? await buildSimulation(ctx, t.simulate, [...own, 'simulate'], sites) : undefined;
    const goal = path ? await textOrRef(ctx, t.goal, [...own, 'goal'], 'goal', sites) : undefined;
    if (path && ownPrompt) {
      ({ prompt, messages } = await readPrompt(t, own, sites));
    } else if (!ownPrompt && inherited && t.simulate === undefined) {
      // `defaults.prompt`/`messages`, read once for all tests.
      ({ prompt, messages } = inherited.value);
      sites.push(...inherited.sites);
    }
    // A conversation's first user turn is the test's prompt; the later ones are its turns.
    const turnTexts: Array<string | Record<string, string>> = [];
    const turnAsserts: AssertionSpec[] = [];
    if (path && Array.isArray(t.conversation)) {
      for (const [i, turn] of t.conversation.entries()) {
        if (!isObj(turn)) continue;
        const read = await readPrompt({ prompt: turn.user }, [...own, 'conversation', i], sites);
        const user = read.prompt;
        if (user !== undefined && (typeof user === 'string' || Object.keys(user).length > 0)) {
          if (i === 0 && prompt === undefined) prompt = user;
          else turnTexts.push(user);
        }
        const asserts = await buildAssertions(ctx, turn.assert, [...own, 'conversation', i, 'assert'], sites);
        for (const a of asserts) a.turn = i + 1;
        turnAsserts.push(...asserts);
      }
    }
    const usesVariants =
      !ownPrompt && !inherited && turnTexts.length === 0 && prompt === undefined && t.simulate === undefined;
    if (usesVariants) for (const s of variantSites.values()) sites.push(...s);
    const assert = path ? await buildAssertions(ctx, t.assert, [...own, 'assert'], sites) : [];
    const ownParams = obj(t.params);
    const lang = str(t.lang) ?? str(defaults.lang);
    const langPath =
      path && str(t.lang) !== undefined
        ? [...own, 'lang']
        : str(defaults.lang) !== undefined
          ? ['defaults', 'lang']
          : null;
    const threshold = num(t.threshold) ?? num(defaults.threshold);
    const ownTools = path ? await buildTools(ctx, t.tools, [...own, 'tools']) : undefined;
    const tools = mergeTools(suiteTools, ownTools);
    const maxSteps = num(t.max_steps) ?? suiteMaxSteps;
    const spec: TestSpec = {
      id,
      tags: [...new Set([...tagList(defaults.tags), ...tagList(t.tags)])],
      vars: { ...obj(defaults.vars), ...obj(t.vars) },
      params: { ...suite.params, ...obj(defaults.params), ...ownParams },
      assert: [...defaultAsserts, ...turnAsserts, ...assert],
      repeat: num(t.repeat) ?? num(defaults.repeat) ?? 1,
      pass_rate: num(t.pass_rate) ?? num(defaults.pass_rate) ?? 1,
      skip: typeof t.skip === 'boolean' ? t.skip : defaults.skip === true,
      pos: rowPos ?? pos(ctx, own),
      ...(name !== undefined ? { name } : {}),
      ...(lang !== undefined ? { lang } : {}),
      ...(prompt !== undefined ? { prompt } : {}),
      ...(messages !== undefined ? { messages } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(tools ? { tools: tools.map((x) => x.spec) } : {}),
      ...(maxSteps !== undefined ? { max_steps: maxSteps } : {}),
      ...(turnTexts.length > 0 ? { turns: turnTexts } : {}),
      ...(simulate ? { simulate } : {}),
      ...(goal !== undefined ? { goal } : {}),
    };
    const misspeltPrompt = Object.keys(t).some(looksLikePrompt);
    return {
      spec,
      path,
      templates: sites,
      ownParams,
      usesVariants,
      idWritten: writtenId !== undefined,
      misspeltPrompt,
      langPath,
      ...(ownTools ? { ownTools } : {}),
      ...(path && (t.simulate !== undefined || t.goal !== undefined) ? { simulateKeys: Object.keys(t) } : {}),
    };
  };

  if (Array.isArray(raw.tests)) {
    for (let i = 0; i < raw.tests.length; i++) {
      const t = raw.tests[i];
      if (isObj(t)) tests.push(await makeTest(t, i, ['tests', i]));
    }
  } else if (isFileRef(raw.tests)) {
    const abs = resolveRef(ctx.dir, raw.tests);
    ctx.datasets?.add(abs);
    const exists = await stat(abs).then(
      (st) => st.isFile(),
      () => false,
    );
    const rows = exists ? await readDataset(abs, displayPath(abs, ctx.cwd), ctx.diags) : null;
    if (!exists) {
      ctx.diags.push(
        ctx.locator.diag(
          ['tests'],
          `dataset file not found: ${raw.tests} (resolved to ${displayPath(abs, ctx.cwd)})`,
        ),
      );
    }
    if (rows) {
      if (!prompts && !inherited) {
        ctx.diags.push(
          ctx.locator.diag(
            ['tests'],
            'a dataset gives only vars: the suite needs `prompts:` (or `defaults.prompt`) for its rows to use',
          ),
        );
      }
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        // The row's id, name, lang and tags set the test's fields, and stay vars.
        const t: Obj = { vars: row.vars, ...readRowFields(row.vars, row, ctx.diags) };
        tests.push(await makeTest(t, i, null, { file: row.file, line: row.line, col: row.col }));
      }
    }
  }
  suite.tests = tests.map((t) => t.spec);
  return {
    suite,
    tests,
    defaultsParams: obj(defaults.params),
    writtenModels,
    suiteTools: writtenTools.filter((l): l is BuiltTool[] => l !== undefined),
  };
}

/** The default suite name: the file's stem. */
export function fileStem(file: string): string {
  return basename(file, extname(file));
}
