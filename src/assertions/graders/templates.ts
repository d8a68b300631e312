import { createRequire } from 'node:module';
import type HandlebarsNs from 'handlebars';

/**
 * Grader templates are compiled once per template text, in an isolated Handlebars environment
 * (helpers other code registers globally cannot leak in) and without HTML escaping: the grader
 * must see `<`, `&` and quotes exactly as the model wrote them.
 */
let env: typeof HandlebarsNs | undefined;
/** Loaded on the first grader prompt: most runs grade nothing. */
function hb(): typeof HandlebarsNs {
  if (!env) {
    const lib = createRequire(import.meta.url)('handlebars') as typeof HandlebarsNs;
    env = lib.create();
  }
  return env;
}
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Returns the compiled template; throws an Error with Handlebars' message for bad syntax. */
export function graderTemplate(source: string): HandlebarsTemplateDelegate {
  let t = compiled.get(source);
  if (!t) {
    try {
      t = hb().compile(source, { noEscape: true, strict: false });
      // Compile eagerly so a syntax error shows when the assertion is built, not per case.
      t({});
    } catch (e) {
      throw new Error(`grader prompt is not a valid Handlebars template: ${(e as Error).message}`);
    }
    compiled.set(source, t);
  }
  return t;
}
