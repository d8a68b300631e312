import { compileTemplate } from '../../suite/templates.js';
import { AssertionOptionsError } from '../types.js';

/**
 * Grader prompts are compiled like every other template (suite/templates.ts: one isolated
 * Handlebars environment, no HTML escaping), and run once on first use so a syntax error shows
 * when the assertion is built, not per case.
 */
const checked = new Set<string>();

/** Returns the compiled template; throws an Error with Handlebars' message for bad syntax. */
export function graderTemplate(source: string): HandlebarsTemplateDelegate {
  try {
    const t = compileTemplate(source);
    if (!checked.has(source)) {
      t({});
      checked.add(source);
    }
    return t;
  } catch (e) {
    throw new AssertionOptionsError(
      `grader prompt is not a valid Handlebars template: ${(e as Error).message}`,
    );
  }
}
