/**
 * One typed table for every setting: the config file key, the CLI flag, the env variable and
 * the default. The commander options, `schema/config.schema.json` and the README's flag list
 * are derived from it, so they cannot drift apart. Flags win over env, env over the file.
 */

import type { JsonSchema } from '../contracts/json-schema.js';
import type { Settings } from '../contracts/settings.js';
import { InputError } from '../errors.js';

/** The commands whose flags come from this table. */
export type SettingCommand = 'run' | 'cassettes' | 'rescore' | 'compare' | 'merge' | 'judge-check';

export interface Setting {
  key: keyof Settings;
  /** commander flag spec, e.g. `-j, --concurrency <n>`; absent for file-only settings. */
  flag?: string;
  env?: string;
  /** What the setting does: the config schema's description and the help text of every command not in `help`. */
  description: string;
  /** A command's own help text, where the flag does something else there (compare's `-o`). */
  help?: Partial<Record<SettingCommand, string>>;
  schema: JsonSchema;
  default?: unknown;
  /** Parse a flag or env string into the setting's type. */
  parse?: (raw: string) => unknown;
  /** Commands whose CLI takes this flag. */
  commands: SettingCommand[];
  /** The value may not come from the config file (secrets). */
  fileAllowed?: boolean;
}

const list = (raw: string) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function int(name: string, min: number) {
  return (raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new InputError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
    return n;
  };
}

function num(name: string, min: number, max = Number.POSITIVE_INFINITY) {
  return (raw: string) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new InputError(
        `${name} must be a number in [${min}, ${max === Number.POSITIVE_INFINITY ? '∞' : max}], got "${raw}"`,
      );
    }
    return n;
  };
}

function oneOf<T extends string>(name: string, allowed: readonly T[]) {
  return (raw: string) => {
    if (!allowed.includes(raw as T))
      throw new InputError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return raw as T;
  };
}

export const modes = ['replay', 'record', 'auto', 'live'] as const;
export const formats = ['json', 'html', 'junit', 'md'] as const;
export const failOns = ['failures', 'regressions', 'none'] as const;

export const settingsTable: Setting[] = [
  {
    key: 'models',
    flag: '-m, --model <ids...>',
    description: "models to run (overrides the suites' models)",
    schema: {
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
    },
    commands: ['run'],
  },
  {
    key: 'mode',
    flag: '--mode <mode>',
    description: 'replay | record | auto | live',
    help: { compare: 'with --judge, how grader calls go: replay | record | auto | live' },
    schema: { enum: modes },
    default: 'replay',
    parse: oneOf('--mode', modes),
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'cassettes',
    flag: '--cassettes <dir>',
    description: 'one directory for all cassettes (default: __cassettes__ beside each suite)',
    schema: { type: 'string' },
    commands: ['run', 'cassettes', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'concurrency',
    flag: '-j, --concurrency <n>',
    description: 'requests in flight at most',
    schema: { type: 'integer', minimum: 1, maximum: 1024 },
    default: 8,
    parse: int('--concurrency', 1),
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'timeout',
    flag: '--timeout <ms>',
    description: 'per-request timeout in milliseconds',
    schema: { type: 'integer', minimum: 1 },
    default: 60000,
    parse: int('--timeout', 1),
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'maxResponseBytes',
    flag: '--max-response-bytes <n>',
    description:
      'the most of one response read; more is an error case, read no further (streamed events: 1 MB each)',
    schema: { type: 'integer', minimum: 1024 },
    default: 8 * 1024 * 1024,
    parse: int('--max-response-bytes', 1024),
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'retries',
    flag: '--retries <n>',
    description: 'retries of a failed request (429, 5xx, network)',
    schema: { type: 'integer', minimum: 0, maximum: 20 },
    default: 4,
    parse: int('--retries', 0),
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'filter',
    flag: '--filter <text>',
    description: 'only cases whose id or name contains text, or matches /re/',
    schema: { type: 'string' },
    commands: ['run'],
  },
  {
    key: 'tag',
    flag: '--tag <tags>',
    description: 'only tests with one of these tags (comma-separated)',
    schema: { type: 'array', items: { type: 'string' } },
    parse: list,
    commands: ['run'],
  },
  {
    key: 'lang',
    flag: '--lang <langs>',
    description: 'only cases in these languages (comma-separated)',
    schema: { type: 'array', items: { type: 'string' } },
    parse: list,
    commands: ['run'],
  },
  {
    key: 'repeat',
    flag: '--repeat <n>',
    description: "samples per test (overrides the tests' repeat)",
    schema: { type: 'integer', minimum: 1, maximum: 1000 },
    parse: int('--repeat', 1),
    commands: ['run'],
  },
  {
    key: 'shard',
    flag: '--shard <k/n>',
    description: 'run only shard k of n (cases split by a stable hash of their id)',
    schema: { type: 'string', pattern: '^[1-9][0-9]*/[1-9][0-9]*$' },
    parse: (raw) => {
      const m = /^(\d+)\/(\d+)$/.exec(raw);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]))
        throw new InputError(`--shard must be k/n with 1 ≤ k ≤ n, got "${raw}"`);
      return raw;
    },
    commands: ['run'],
  },
  {
    key: 'output',
    flag: '-o, --output <dir>',
    description: 'directory for reports and results.jsonl',
    help: {
      compare: 'directory for compare.json, compare.html and compare.md',
      rescore: 'directory for the rescored reports',
      'judge-check': 'directory for judge-check.json, judge-check.md and the annotated report',
      merge: 'directory for the merged reports',
    },
    schema: { type: 'string' },
    default: 'reports',
    commands: ['run', 'rescore', 'compare', 'merge', 'judge-check'],
  },
  {
    key: 'format',
    flag: '--format <list>',
    description: 'report formats: json,html,junit,md',
    schema: { type: 'array', items: { enum: formats }, minItems: 1 },
    default: ['json', 'html'],
    parse: (raw) => list(raw).map(oneOf('--format', formats)),
    commands: ['run', 'rescore', 'merge', 'judge-check'],
  },
  {
    key: 'baseline',
    flag: '--baseline <report.json>',
    description: 'compare against this report; regressions fail the run',
    schema: { type: 'string' },
    commands: ['run', 'merge'],
  },
  {
    key: 'failOn',
    flag: '--fail-on <what>',
    description: 'failures | regressions | none (default: regressions with --baseline, else failures)',
    schema: { enum: failOns },
    parse: oneOf('--fail-on', failOns),
    commands: ['run', 'merge'],
  },
  {
    key: 'maxDrop',
    flag: '--max-drop <pp>',
    description: 'with --baseline: tolerated pass-rate drop in percentage points',
    schema: { type: 'number', minimum: 0, maximum: 100 },
    parse: num('--max-drop', 0, 100),
    commands: ['run', 'merge'],
  },
  {
    key: 'minPassRate',
    flag: '--min-pass-rate <rate>',
    description: 'exit 1 only when the pass rate is below this (0–1), instead of on any failure',
    schema: { type: 'number', minimum: 0, maximum: 1 },
    parse: num('--min-pass-rate', 0, 1),
    commands: ['run', 'merge'],
  },
  {
    key: 'resume',
    flag: '--resume',
    description: 'run only the cases missing from <output>/results.jsonl',
    schema: { type: 'boolean' },
    default: false,
    commands: ['run'],
  },
  {
    key: 'affected',
    flag: '--affected',
    description:
      'send only the cases whose request has no recording (a changed prompt, param or model) and replay the rest; with --mode auto, record those',
    schema: { type: 'boolean' },
    default: false,
    commands: ['run'],
  },
  {
    key: 'watch',
    flag: '--watch',
    description:
      'after the run, run again the suites a save concerns (a suite, a file:// prompt or dataset, a cassette) until Ctrl-C',
    schema: { type: 'boolean' },
    default: false,
    fileAllowed: false,
    commands: ['run'],
  },
  {
    key: 'retryErrors',
    flag: '--retry-errors',
    description: 'with --resume, also run again the cases that ended in error (after an outage)',
    schema: { type: 'boolean' },
    default: false,
    commands: ['run'],
  },
  {
    key: 'progress',
    flag: '--no-progress',
    description: 'no progress bar or progress lines',
    schema: { type: 'boolean' },
    default: true,
    commands: ['run', 'rescore'],
  },
  {
    key: 'quiet',
    flag: '-q, --quiet',
    description: 'print only the summary',
    schema: { type: 'boolean' },
    default: false,
    commands: ['run', 'rescore'],
  },
  {
    key: 'baseUrl',
    flag: '--base-url <url>',
    env: 'AIMLAPI_BASE_URL',
    description: 'gateway base URL',
    schema: { type: 'string', pattern: '^https?://' },
    default: 'https://api.aimlapi.com/v1',
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'maxAge',
    flag: '--max-age <days>',
    description: 'cassette entries older than this are misses',
    schema: { type: 'number', minimum: 0 },
    parse: num('--max-age', 0),
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'rpm',
    flag: '--rpm <n>',
    description: 'requests per minute per model, at most',
    schema: { type: 'integer', minimum: 1 },
    parse: int('--rpm', 1),
    commands: ['run', 'rescore', 'judge-check', 'compare'],
  },
  {
    key: 'prices',
    description: 'USD per million tokens per model: { qwen-max: { input: 1.6, output: 6.4 } }',
    schema: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['input', 'output'],
        additionalProperties: false,
        properties: { input: { type: 'number', minimum: 0 }, output: { type: 'number', minimum: 0 } },
      },
    },
    default: {},
    commands: [],
  },
  {
    key: 'apiKey',
    env: 'AIMLAPI_KEY',
    description: 'the gateway key (env only; never written anywhere)',
    schema: { type: 'string' },
    fileAllowed: false,
    commands: [],
  },
];

/** Built-in prices (USD per million tokens); config `prices:` adds to and overrides them. */
export const defaultPrices: Record<string, { input: number; output: number }> = {
  'qwen-max': { input: 1.6, output: 6.4 },
  'qwen-max-2025-01-25': { input: 1.6, output: 6.4 },
  'alibaba/qwen-max': { input: 1.6, output: 6.4 },
};

/**
 * A flag's help line for one command: its text there, and the default the settings resolve to
 * when neither the config file nor the environment sets it. A switch shows none: it is off unless given.
 */
export function settingHelp(s: Setting, command: SettingCommand): string {
  const text = s.help?.[command] ?? s.description;
  if (s.default === undefined || typeof s.default === 'boolean') return text;
  const shown = Array.isArray(s.default) ? s.default.join(',') : String(s.default);
  return `${text} (default: ${shown})`;
}

/** The config file's key for a setting: snake_case of the table key (`failOn` → `fail_on`). */
export function fileKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** JSON Schema of qeval.config.yaml, derived from the table. */
export function configSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: { type: 'string' },
    suites: { type: 'array', items: { type: 'string' }, description: 'suite paths or globs run by default' },
  };
  for (const s of settingsTable) {
    if (s.fileAllowed === false) continue;
    properties[fileKey(s.key)] = { ...s.schema, description: s.description };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://qeval.dev/schema/config.schema.json',
    title: 'qeval.config.yaml',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}
