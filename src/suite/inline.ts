/**
 * Assertions written in code (the vitest matchers) checked and built exactly as a suite's are:
 * wrapped in a one-test suite document, they go through the suite schema (unknown types and
 * options, with did-you-mean) and the semantic checks (regexes that do not compile, min > max),
 * so a bad assertion gets the same message wherever it is written.
 */
import type { AssertionSpec } from '../contracts/case.js';
import type { Diagnostic } from '../contracts/diagnostic.js';
import { buildSuite } from './build.js';
import type { BuildContext } from './build-context.js';
import { checkSuite } from './checks.js';
import { formatPath, type Locator } from './document-path.js';
import { checkSuiteSchema } from './schema-check.js';

export interface InlineAssertions {
  /** The assertions as a suite would score them (defaults filled in), in the order given. */
  assertions: AssertionSpec[];
  /** Errors (no warnings), their `path` relative to the list: `assert[1].flags`. */
  errors: Diagnostic[];
}

/**
 * Checks and builds a list of assertions for a test in `lang` (optional). `file` names where
 * they are written (a test file) and is the base of `file://` references.
 */
export async function buildInlineAssertions(
  assert: readonly unknown[],
  where: { file: string; dir: string; lang?: string },
): Promise<InlineAssertions> {
  const test: Record<string, unknown> = { prompt: '-', assert: [...assert] };
  if (where.lang !== undefined) test.lang = where.lang;
  const doc = { tests: [test] };
  const locator = inlineLocator(where.file);
  const diags = checkSuiteSchema(doc, locator);
  const ctx: BuildContext = {
    file: where.file,
    dir: where.dir,
    cwd: where.dir,
    locator,
    diags,
    assertionPaths: new Map(),
  };
  const built = await buildSuite(doc, ctx, 'inline');
  checkSuite(built, ctx);
  const errors = diags
    .filter((d) => d.severity !== 'warning')
    .map((d) => ({ ...d, path: d.path.replace(/^tests\[0\]\.?/, '') }));
  return { assertions: built.tests[0]?.spec.assert ?? [], errors };
}

/** Code has no YAML positions: every diagnostic is at the file's start, its path says where. */
function inlineLocator(file: string): Locator {
  return {
    locate: () => ({ line: 1, col: 1 }),
    diag: (path, message, extra) => {
      const d: Diagnostic = { file, line: 1, col: 1, path: formatPath(path), message };
      if (extra?.suggestion !== undefined) d.suggestion = extra.suggestion;
      if (extra?.severity !== undefined) d.severity = extra.severity;
      return d;
    },
  };
}
