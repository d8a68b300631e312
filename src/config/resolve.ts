import type { Settings } from '../contracts/settings.js';
import { InputError } from '../errors.js';
import { defaultPrices, fileKey, settingsTable } from './table.js';

/**
 * Merges defaults < config file < env < flags into typed settings.
 * `file` has the config file's snake_case keys (already schema-checked);
 * `flags` has commander's camelCase option values (already parsed).
 */
export function resolveSettings(
  file: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  flags: Record<string, unknown>,
): Settings {
  const out: Record<string, unknown> = {};
  for (const s of settingsTable) {
    let value: unknown = s.default;
    const fromFile = s.fileAllowed === false ? undefined : file[fileKey(s.key)];
    if (fromFile !== undefined) value = fromFile;
    if (s.env && env[s.env] !== undefined && env[s.env] !== '') {
      const raw = env[s.env] as string;
      try {
        value = s.parse ? s.parse(raw) : raw;
      } catch (err) {
        throw new InputError(`environment variable ${s.env}: ${(err as Error).message}`, 'E_USAGE');
      }
    }
    const flagName = s.key === 'models' ? 'model' : s.key;
    if (flags[flagName] !== undefined) value = flags[flagName];
    if (value !== undefined) out[s.key] = value;
  }
  if (typeof out.models === 'string') out.models = [out.models];
  out.prices = { ...defaultPrices, ...((out.prices as Settings['prices']) ?? {}) };
  out.baseUrl = String(out.baseUrl).replace(/\/+$/, '');
  return out as unknown as Settings;
}
