/**
 * Step 1 of a run: settings → suites → cases. Resolves the settings (defaults < config file <
 * env < flags), loads and validates the suites, expands them into cases, keeps this shard's, and
 * with `--resume` sets aside the cases results.jsonl already holds.
 */
import { randomUUID } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { resolveSettings } from '../config/resolve.js';
import type { Case } from '../contracts/case.js';
import type { Diagnostic } from '../contracts/diagnostic.js';
import type { CaseResult } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import { InputError } from '../errors.js';
import { type ExpandOptions, expandCases } from '../suite/expand.js';
import { loadSuites } from '../suite/load.js';
import type { Suite } from '../suite/types.js';
import { gitCommit } from './meta.js';
import { readResults, repairTornLine } from './results-stream.js';
import { inShard, parseShard } from './shard.js';

/** Where a run's settings come from: the CLI's flags, or a library caller's. */
export interface SettingsSource {
  /** Suite files, directories or globs (default: config `suites`, else `suites/`). */
  paths?: string[];
  cwd?: string;
  /** Settings that win over the config file and env (the CLI's flags). */
  settings?: Partial<Settings>;
  /** Config file path (default `./qeval.config.yaml` when present). */
  config?: string;
  env?: NodeJS.ProcessEnv;
}

/** Everything a run needs before its first call. */
export interface RunPlan {
  runId: string;
  startedAt: Date;
  cwd: string;
  settings: Settings;
  suites: Suite[];
  /** Every case of this run (this shard), in order. */
  cases: Case[];
  /** The cases still to run (all of them unless `--resume`). */
  todo: Case[];
  /** Results `--resume` keeps from the last run. */
  kept: CaseResult[];
  models: string[];
  outDir: string;
  resultsPath: string;
  warnings: Diagnostic[];
  /**
   * The git commit, asked on first use (`git rev-parse` blocks the process for a few ms while it
   * starts: the engine asks once the first calls are out) and answered by the time the report needs it.
   */
  commit: () => Promise<string | null>;
}

/** Resolves the settings of a run: defaults < config file < env < given settings. */
export async function resolveRunSettings(
  source: SettingsSource,
): Promise<{ settings: Settings; suitePaths: string[]; defaultModels?: string[] }> {
  const cwd = source.cwd ?? process.cwd();
  const config = await loadConfig(source.config, cwd);
  const settings = resolveSettings(
    config.values,
    source.env ?? process.env,
    (source.settings ?? {}) as Record<string, unknown>,
  );
  const fromConfig = Array.isArray(config.values.suites) ? (config.values.suites as string[]) : undefined;
  const suitePaths = source.paths?.length ? source.paths : (fromConfig ?? ['suites']);
  // `-m` overrides every suite's models; the config's `models` is only the default for suites
  // that name none.
  const flagModels = source.settings?.models;
  if (flagModels?.length) return { settings: { ...settings, models: flagModels }, suitePaths };
  const { models: defaultModels, ...rest } = settings;
  return defaultModels ? { settings: rest, suitePaths, defaultModels } : { settings: rest, suitePaths };
}

/** Selects the cases of this run: expansion, then the shard. */
export async function planCases(suites: Suite[], settings: Settings): Promise<Case[]> {
  const options: ExpandOptions = {};
  if (settings.models) options.models = settings.models;
  if (settings.repeat !== undefined) options.repeat = settings.repeat;
  if (settings.filter !== undefined) options.filter = settings.filter;
  if (settings.tag) options.tags = settings.tag;
  if (settings.lang) options.langs = settings.lang;
  const cases = await expandCases(suites, options);
  if (!settings.shard) return cases;
  const shard = parseShard(settings.shard);
  return cases.filter((c) => inShard(c.id, shard));
}

/**
 * A run that sends its cases to the gateway needs a key: without one each would end in a 401 (or
 * a network fault) after being sent. Auto mode records only misses; those say so on their own.
 */
export function requireKey(plan: RunPlan): void {
  const { mode, apiKey } = plan.settings;
  if ((mode === 'live' || mode === 'record') && !apiKey && plan.todo.length > 0) {
    throw new InputError(
      `no API key: --mode ${mode} sends every case to the gateway. Set AIMLAPI_KEY (https://aimlapi.com/app/keys), or replay the cassettes with --mode replay`,
      'E_NO_KEY',
    );
  }
}

/** Plans a run. Throws a ValidationError (every problem of every file) or an InputError. */
export async function planRun(source: SettingsSource): Promise<RunPlan> {
  const cwd = source.cwd ?? process.cwd();
  const startedAt = new Date();
  const { settings, suitePaths, defaultModels } = await resolveRunSettings(source);
  let asked: Promise<string | null> | undefined;
  const commit = () => {
    asked ??= gitCommit(cwd);
    return asked;
  };
  const { suites, warnings } = await loadSuites(suitePaths, {
    cwd,
    ...(defaultModels ? { defaultModels } : {}),
  });
  const cases = await planCases(suites, settings);
  const outDir = resolve(cwd, settings.output);
  const resultsPath = join(outDir, 'results.jsonl');
  if (settings.affected && (settings.mode === 'live' || settings.mode === 'record')) {
    throw new InputError(
      `--affected goes with --mode replay (send what changed, keep nothing) or --mode auto (record what changed), not --mode ${settings.mode}, which sends every case`,
      'E_USAGE',
    );
  }
  if (settings.retryErrors && !settings.resume) {
    throw new InputError(
      '--retry-errors goes with --resume: it runs again the errors of the run being resumed',
      'E_USAGE',
    );
  }
  if (settings.resume) {
    const torn = await repairTornLine(resultsPath);
    if (torn) {
      warnings.push({
        file: relative(cwd, resultsPath) || resultsPath,
        line: torn.line,
        col: 1,
        path: '',
        message: `its last line was torn (${torn.bytes} bytes written when the run was killed) and is cut off; that case runs again`,
        severity: 'warning',
      });
    }
  }
  const previous = settings.resume ? (await readResults(resultsPath)).results : new Map<string, CaseResult>();
  // With --retry-errors the cases that ended in error are not kept: they run again.
  if (settings.retryErrors) for (const [id, r] of previous) if (r.status === 'error') previous.delete(id);
  const kept: CaseResult[] = [];
  const wanted = new Set(cases.map((c) => c.id));
  for (const [id, r] of previous) if (wanted.has(id)) kept.push(r);
  return {
    runId: randomUUID(),
    startedAt,
    cwd,
    settings,
    suites,
    cases,
    todo: settings.resume ? cases.filter((c) => !previous.has(c.id)) : cases,
    kept,
    models: [...new Set(cases.map((c) => c.model))],
    outDir,
    resultsPath,
    warnings,
    commit,
  };
}
