/** `qeval validate [paths…]`: checks config and suite files and prints every problem at once. */
import type { Command } from 'commander';
import {
  type Diagnostic,
  formatDiagnostic,
  loadConfig,
  loadSuites,
  sortDiagnostics,
  ValidationError,
} from '../../index.js';
import { stderr, stdout } from '../terminal.js';

/**
 * Validates the config file (if any) and every suite; prints warnings to stderr and a one-line
 * summary to stdout; returns 0. Errors of the config and all suites are thrown together as one
 * ValidationError, which the CLI boundary prints (exit 2).
 */
export async function execute(paths: string[], opts: { config?: string }, _cmd?: Command): Promise<number> {
  const diags: Diagnostic[] = [];
  let suitePaths = paths;
  let defaultModels: string[] | undefined;
  try {
    const config = await loadConfig(opts.config);
    const fromConfig = config.values.suites;
    if (suitePaths.length === 0 && Array.isArray(fromConfig)) suitePaths = fromConfig as string[];
    const models = config.values.models;
    if (typeof models === 'string') defaultModels = [models];
    else if (Array.isArray(models)) defaultModels = models as string[];
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    diags.push(...err.diagnostics);
  }
  try {
    const { suites, warnings } = await loadSuites(suitePaths, defaultModels ? { defaultModels } : {});
    diags.push(...warnings);
    if (diags.some((d) => d.severity !== 'warning')) throw new ValidationError(sortDiagnostics(diags));
    for (const d of sortDiagnostics(diags)) stderr(`${formatDiagnostic(d)}\n`);
    const tests = suites.reduce((n, s) => n + s.tests.length, 0);
    const warned = diags.length > 0 ? ` (${diags.length} warning${diags.length === 1 ? '' : 's'})` : '';
    stdout(
      `${suites.length} suite${suites.length === 1 ? '' : 's'}, ${tests} test${tests === 1 ? '' : 's'}: OK${warned}\n`,
    );
    return 0;
  } catch (err) {
    if (
      err instanceof ValidationError &&
      diags.length > 0 &&
      !err.diagnostics.some((d) => diags.includes(d))
    ) {
      throw new ValidationError(sortDiagnostics([...diags, ...err.diagnostics]));
    }
    throw err;
  }
}
