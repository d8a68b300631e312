/** Writes a suite file and loads it: what `validate` would print of it, for unit tests of the checks. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatDiagnostic, ValidationError } from '../../src/errors.js';
import { loadSuites } from '../../src/suite/load.js';

/**
 * Writes `yaml` as `dir/name` and returns its diagnostics formatted (`file:line:col  path  message`),
 * or [] when it loads; `errorsOnly` leaves warnings out.
 */
export async function suiteProblems(
  dir: string,
  name: string,
  yaml: string,
  options: { errorsOnly?: boolean } = {},
): Promise<string[]> {
  await writeFile(join(dir, name), yaml);
  try {
    await loadSuites([name], { cwd: dir });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).diagnostics
      .filter((d) => !options.errorsOnly || d.severity !== 'warning')
      .map(formatDiagnostic);
  }
}
