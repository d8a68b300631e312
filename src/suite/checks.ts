/**
 * Semantic checks of SPEC §2 that a JSON Schema cannot express: request parameters per model,
 * duplicate test ids, regexes that do not compile, templates reading undefined vars, tests
 * with nothing to send, contradictory options, languages the detector cannot identify. Each
 * finding is positioned at its node.
 */
import { parseAssertionType } from '../catalog/assertions.js';
import { checkParams, misspeltModel } from '../catalog/params.js';
import { suggest } from '../catalog/suggest.js';
import type { AssertionSpec } from '../contracts/case.js';
import type { Diagnostic } from '../contracts/diagnostic.js';
import { canIdentify, cannotIdentify } from '../lang/coverage.js';
import { primaryLanguage } from '../lang/locale.js';
import type { BuiltSuite, BuiltTest } from './build.js';
import type { BuildContext } from './build-context.js';
import type { PathSeg } from './document-path.js';
import { schemaProblem } from './schema-problem.js';
import { checkSimulations } from './simulate-checks.js';
import { siteDiag } from './template-site.js';
import { builtinVars, inspectTemplate, isTemplate, testFields } from './templates.js';
import { checkTools } from './tool-checks.js';

/** Runs every semantic check; findings are pushed to ctx.diags. */
export function checkSuite(built: BuiltSuite, ctx: BuildContext): void {
  checkModelNames(built, ctx);
  checkAllParams(built, ctx);
  checkIds(built, ctx);
  checkPrompts(built, ctx);
  checkTemplates(built, ctx);
  checkAssertions(built, ctx);
  checkTools(built, ctx);
  checkGrader(built.suite.grader, ['grader'], ctx);
  checkSimulations(built, ctx);
}

/** A grader block naming both `model` and `models`, or a `vote` with no `models` to vote. */
function checkGrader(g: unknown, path: PathSeg[], ctx: BuildContext): void {
  if (!isPlainObject(g)) return;
  if (g.model !== undefined && g.models !== undefined) {
    ctx.diags.push(
      ctx.locator.diag(
        [...path, 'models'],
        'grader: give `model` (one grader) or `models` (a vote), not both',
      ),
    );
  }
  if (g.vote !== undefined && g.models === undefined) {
    ctx.diags.push(
      ctx.locator.diag([...path, 'vote'], 'grader: `vote` needs `models`, the graders that vote'),
    );
  }
}

/** A suite's own `models:` entry that looks like a typo of a known model: a warning, not an error. */
function checkModelNames(built: BuiltSuite, ctx: BuildContext): void {
  for (const { model, path } of built.writtenModels) {
    const near = misspeltModel(model);
    if (!near) continue;
    ctx.diags.push(
      ctx.locator.diag(
        path,
        `unknown model "${model}": a warning only, as the gateway may serve models qeval has no table for`,
        { severity: 'warning', suggestion: near },
      ),
    );
  }
}

function checkAllParams(built: BuiltSuite, ctx: BuildContext): void {
  const seen = new Set<string>();
  const check = (params: Record<string, unknown>, base: PathSeg[]) => {
    for (const model of built.suite.models) {
      for (const issue of checkParams(model, params)) {
        const d = ctx.locator.diag([...base, ...issue.path], issue.message, {
          part: issue.at,
          severity: issue.severity,
          ...(issue.suggestion ? { suggestion: issue.suggestion } : {}),
        });
        const key = `${d.line}:${d.col}:${d.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.diags.push(d);
      }
    }
  };
  check(built.suite.params, ['params']);
  check(built.defaultsParams, ['defaults', 'params']);
  for (const t of built.tests) if (t.path) check(t.ownParams, [...t.path, 'params']);
}

function testDiag(
  ctx: BuildContext,
  t: BuiltTest,
  sub: PathSeg[],
  message: string,
  suggestion?: string,
): Diagnostic {
  if (t.path) return ctx.locator.diag([...t.path, ...sub], message, suggestion ? { suggestion } : {});
  const { file, line, col } = t.spec.pos;
  return { file, line, col, path: `row ${t.spec.id}`, message, ...(suggestion ? { suggestion } : {}) };
}

function checkIds(built: BuiltSuite, ctx: BuildContext): void {
  const first = new Map<string, BuiltTest>();
  for (const t of built.tests) {
    // A dataset row's id is checked where it is read (dataset-fields.ts), at its column.
    const prev = first.get(t.spec.id);
    if (!prev) {
      first.set(t.spec.id, t);
      continue;
    }
    const where =
      prev.spec.pos.file === t.spec.pos.file
        ? `line ${prev.spec.pos.line}`
        : `${prev.spec.pos.file}:${prev.spec.pos.line}`;
    ctx.diags.push(
      testDiag(
        ctx,
        t,
        t.idWritten && t.path ? ['id'] : [],
        `duplicate test id "${t.spec.id}" (first used at ${where}); ids must be unique in a suite`,
      ),
    );
  }
}

function checkPrompts(built: BuiltSuite, ctx: BuildContext): void {
  for (const t of built.tests) {
    if (!t.path) continue;
    if (t.misspeltPrompt) continue; // the schema already points at the misspelt key
    if (t.spec.prompt !== undefined && t.spec.messages !== undefined) {
      ctx.diags.push(testDiag(ctx, t, ['messages'], 'give either `prompt` or `messages`, not both'));
    } else if (t.usesVariants && !built.suite.prompts) {
      ctx.diags.push(
        testDiag(
          ctx,
          t,
          [],
          'test has nothing to send: give `prompt:` or `messages:`, or `prompts:` variants at the suite level',
        ),
      );
    }
  }
}

function checkTemplates(built: BuiltSuite, ctx: BuildContext): void {
  const reported = new Set<string>();
  const suiteVars = Object.keys(built.suite.vars);
  for (const t of built.tests) {
    const known = new Set([...suiteVars, ...Object.keys(t.spec.vars)]);
    for (const site of t.templates) {
      if (!isTemplate(site.source)) continue;
      const info = inspectTemplate(site.source);
      // Read only when something is reported: a site works its position out on first read.
      const siteKey = () => `${site.file}:${site.line}:${site.col}:${site.path}`;
      if (info.error) {
        const key = siteKey();
        if (!reported.has(key))
          ctx.diags.push(siteDiag(site, info.error.line, info.error.col, info.error.message));
        reported.add(key);
        continue;
      }
      for (const v of info.vars) {
        let message: string | undefined;
        let suggestion: string | undefined;
        if (v.name === 'test') {
          if (v.field !== undefined && !testFields.has(v.field)) {
            message = `template uses {{test.${v.field}}}; the test built-in has ${[...testFields].map((f) => `test.${f}`).join(', ')}`;
            suggestion = suggest(v.field, testFields);
            suggestion &&= `test.${suggestion}`;
          }
        } else if (!builtinVars.has(v.name) && !known.has(v.name)) {
          const where = t.path ? `test "${t.spec.id}"` : `dataset row "${t.spec.id}"`;
          message = `template uses {{${v.name}}} but no var "${v.name}" is defined for ${where} (vars: ${[...known, ...builtinVars].join(', ') || 'none'})`;
          suggestion = suggest(v.name, [...known, ...builtinVars]);
        }
        if (message === undefined) continue;
        const key = `${siteKey()}:${v.name}.${v.field ?? ''}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.diags.push(siteDiag(site, v.line, v.col, message, suggestion));
      }
    }
  }
}

function checkAssertions(built: BuiltSuite, ctx: BuildContext): void {
  const checked = new Set<AssertionSpec>();
  const langWarned = new Set<string>();
  for (const t of built.tests) {
    checkCaseLanguage(t, ctx, langWarned);
    const asserts = t.spec.assert;
    if (t.path && asserts.length > 0 && asserts.every((a) => a.weight === 0)) {
      ctx.diags.push(
        testDiag(ctx, t, ['assert'], 'every assertion has weight 0, so the test score is undefined'),
      );
    }
    if (t.path && t.spec.threshold !== undefined && asserts.length === 0) {
      ctx.diags.push(testDiag(ctx, t, ['threshold'], '`threshold` is set but the test has no assertions'));
    }
    for (const a of asserts) {
      if (checked.has(a)) continue;
      checked.add(a);
      const path = ctx.assertionPaths.get(a);
      if (!path) continue;
      checkAssertion(a, path, ctx);
    }
  }
}

/**
 * A `language` assertion without a value checks the test's `lang`: a language the detector
 * cannot identify is a warning at the `lang` that says so (once per place it is written).
 */
function checkCaseLanguage(t: BuiltTest, ctx: BuildContext, warned: Set<string>): void {
  const lang = t.spec.lang;
  if (!t.langPath || lang === undefined || isTemplate(lang)) return;
  const usesLang = t.spec.assert.some(
    (a) => parseAssertionType(a.type)?.base === 'language' && (a.value === undefined || a.value === null),
  );
  if (!usesLang) return;
  const key = t.langPath.join('.');
  if (warned.has(key)) return;
  warned.add(key);
  warnUnidentifiable(lang, t.langPath, ctx);
}

/** A warning at `path` when `tag` names a language the detector cannot identify. */
function warnUnidentifiable(tag: unknown, path: PathSeg[], ctx: BuildContext): void {
  if (typeof tag !== 'string' || isTemplate(tag)) return;
  const code = primaryLanguage(tag);
  if (code === null || canIdentify(code)) return;
  ctx.diags.push(
    ctx.locator.diag(
      path,
      `language: ${cannotIdentify(code)}; a run reports such a case as an error, not a fail`,
      {
        severity: 'warning',
      },
    ),
  );
}

function checkAssertion(a: AssertionSpec, path: PathSeg[], ctx: BuildContext): void {
  const parsed = parseAssertionType(a.type);
  if (!parsed) return; // the schema reports unknown types with a suggestion
  checkGrader(a.grader, [...path, 'grader'], ctx);
  if (parsed.base === 'language') {
    if (!Array.isArray(a.value)) warnUnidentifiable(a.value, [...path, 'value'], ctx);
    else for (const [k, v] of a.value.entries()) warnUnidentifiable(v, [...path, 'value', k], ctx);
  }
  const flags = typeof a.flags === 'string' ? a.flags : '';
  // Bad flags are the schema's to report; compiling with them would only repeat it.
  if (
    parsed.base === 'regex' &&
    typeof a.value === 'string' &&
    !isTemplate(a.value) &&
    /^[dgimsuvy]*$/.test(flags)
  ) {
    try {
      new RegExp(a.value, flags);
    } catch (err) {
      const msg = (err as Error).message.replace(/^Invalid regular expression: /, '');
      ctx.diags.push(ctx.locator.diag([...path, 'value'], `regex does not compile: ${msg}`));
    }
  }
  if (parsed.base === 'json-schema' && isPlainObject(a.value)) {
    const problem = schemaProblem(a.value);
    if (problem) {
      ctx.diags.push(
        ctx.locator.diag([...path, 'value'], `json-schema: the value is not a valid JSON Schema: ${problem}`),
      );
    }
  }
  if (parsed.base === 'length' && typeof a.min === 'number' && typeof a.max === 'number' && a.min > a.max) {
    ctx.diags.push(ctx.locator.diag([...path, 'min'], `min (${a.min}) is greater than max (${a.max})`));
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
