/** What building a suite file needs to know about the file (build.ts and test-parts.ts share it). */
import type { AssertionSpec } from '../contracts/case.js';
import type { Diagnostic } from '../contracts/diagnostic.js';
import type { Locator, PathSeg } from './document-path.js';

/** What building needs to know about the file. */
export interface BuildContext {
  file: string;
  dir: string;
  cwd: string;
  locator: Locator;
  diags: Diagnostic[];
  /** Models of a suite that names none (config `models`), else qwen-max. */
  defaultModels?: string[];
  /** Absolute paths of the datasets this suite reads (so a directory scan does not load them as suites). */
  datasets?: Set<string>;
  /**
   * Document path of every built assertion (defaults' assertions are shared by all tests), for
   * the semantic checks; dropped with the context once the file is checked.
   */
  assertionPaths: Map<AssertionSpec, PathSeg[]>;
}
