/**
 * What the commands that work on a finished report share (`rescore`, `judge-check`): the report's
 * suites loaded again and its cases expanded from them, and a client over the cassettes.
 */
import { resolve } from 'node:path';
import type { Case } from '../contracts/case.js';
import type { Report } from '../contracts/report.js';
import type { CaseResult } from '../contracts/result.js';
import type { Settings } from '../contracts/settings.js';
import { fetchTransport, type Transport } from '../provider/transport.js';
import type { ChatClient } from '../provider/types.js';
import { expandCases } from '../suite/expand.js';
import { loadSuites } from '../suite/load.js';
import type { Suite } from '../suite/types.js';
import { settingsCassettes, settingsClient } from './gateway.js';

export interface StoredCases {
  suites: Suite[];
  suiteByName: Map<string, Suite>;
  /** The cases the suites expand to today, by id (every sample the report has). */
  byId: Map<string, Case>;
  /** The report's results, by case id. */
  stored: Map<string, CaseResult>;
}

/** Loads the suites a report ran and expands their cases for its models and samples. */
export async function loadStoredCases(previous: Report, cwd: string): Promise<StoredCases> {
  const { suites } = await loadSuites(
    previous.run.suites.map((s) => resolve(cwd, s.file)),
    { cwd },
  );
  const maxSample = previous.cases.reduce((m, c) => Math.max(m, c.sample), 0);
  const byId = new Map<string, Case>(
    (await expandCases(suites, { models: previous.run.models, repeat: maxSample + 1 })).map((c) => [c.id, c]),
  );
  return {
    suites,
    suiteByName: new Map(suites.map((s) => [s.name, s])),
    byId,
    stored: new Map(previous.cases.map((c) => [c.id, c])),
  };
}

/** The transport of `mode`: the network when live, else the suites' cassettes (gateway.ts). */
export async function transportFor(
  settings: Settings,
  suites: readonly Suite[],
  cwd: string,
  mode: Settings['mode'],
): Promise<Transport> {
  // Replaying a finished report's calls takes its recordings at any age, and records nothing.
  const { maxAge: _maxAge, apiKey: _apiKey, ...replaying } = settings;
  const cassettes = await settingsCassettes(
    mode === 'replay' ? { ...replaying, mode } : { ...settings, mode },
    suites.map((s) => ({ name: s.name, file: s.file })),
    cwd,
  );
  return cassettes ?? fetchTransport();
}

/** A client with the settings' limits over `transport` (`retries` 0 where nothing is sent). */
export function clientFor(settings: Settings, transport: Transport, retries = settings.retries): ChatClient {
  return settingsClient({ ...settings, retries }, transport);
}
