/**
 * Reads `qeval.config.yaml`: the same guarded YAML reader as suites (positions kept), checked
 * against `configSchema()` from the one settings table (precompiled by `npm run gen:schema`).
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Diagnostic } from '../contracts/diagnostic.js';
import { ValidationError } from '../errors.js';
import { validateConfig } from '../generated/config-validator.js';
import { ajvDiagnostics } from '../suite/ajv-diagnostics.js';
import { displayPath } from '../suite/file-ref.js';
import { sortDiagnostics } from '../suite/load.js';
import { parseYaml, readTextFile } from '../suite/yaml-source.js';

/** The config file looked for in the working directory when none is given. */
export const defaultConfigFile = 'qeval.config.yaml';

/**
 * Reads qeval.config.yaml (the given path, else ./qeval.config.yaml if present), validates it
 * with ajv against configSchema() from src/config/table.ts, with positions in diagnostics;
 * returns the file's (snake_case) object for resolveSettings(). Missing default file → {}.
 * An explicitly given file that is missing, or any invalid file, throws a ValidationError.
 */
export async function loadConfig(
  path?: string,
  cwd: string = process.cwd(),
): Promise<{ values: Record<string, unknown>; path: string | null }> {
  const abs = resolve(cwd, path ?? defaultConfigFile);
  if (path === undefined) {
    const present = await access(abs).then(
      () => true,
      () => false,
    );
    if (!present) return { values: {}, path: null };
  }
  const file = displayPath(abs, cwd);
  const diags: Diagnostic[] = [];
  const text = await readTextFile(abs, file, diags, 'config file');
  if (text === null) throw new ValidationError(diags);
  const src = parseYaml(text, file, diags);
  if (diags.some((d) => d.severity !== 'warning')) throw new ValidationError(diags);
  const value = src.value ?? {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError([
      {
        file,
        ...src.locator.locate([]),
        path: '',
        message: `the config file must be a mapping of settings, found ${Array.isArray(value) ? 'a list' : typeof value}`,
      },
    ]);
  }
  if (!validateConfig(value)) {
    throw new ValidationError(
      sortDiagnostics(
        ajvDiagnostics(validateConfig.errors ?? [], value, src.locator, {
          unknownProperty: (path, prop) =>
            path.length === 0 && /(api_?key|token|secret)/i.test(prop)
              ? `"${prop}" may not be in the config file (it would end up in version control); set the environment variable AIMLAPI_KEY`
              : undefined,
        }),
      ),
    );
  }
  return { values: value as Record<string, unknown>, path: abs };
}
