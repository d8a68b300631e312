/** Where a template is written, so an undefined variable can be reported at its source. */
import type { Diagnostic } from '../contracts/diagnostic.js';

/** A template and its place: inline in a YAML node, or a whole `file://` template file. */
export interface TemplateSite {
  source: string;
  file: string;
  line: number;
  col: number;
  /** Path in the suite document (empty for a template file). */
  path: string;
  /** True when the template is a whole file: positions inside it are exact. */
  wholeFile: boolean;
}

/** A diagnostic at a position inside a template. */
export function siteDiag(
  site: TemplateSite,
  line: number,
  col: number,
  message: string,
  suggestion?: string,
): Diagnostic {
  const at = site.wholeFile ? { line, col } : { line: site.line, col: site.col };
  return { file: site.file, ...at, path: site.path, message, ...(suggestion ? { suggestion } : {}) };
}
