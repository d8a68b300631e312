/** `qeval cassettes check [paths…] [--prune]`: tests without a recording, entries no test uses. */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  checkCassettes,
  ExitCode,
  expandCases,
  firstRequestOf,
  loadSuites,
  resolveRunSettings,
  type Settings,
} from '../../index.js';
import { explicitFlags } from '../options.js';
import { stdout } from '../terminal.js';

/**
 * Prints every test without a recording and every unused entry; with `--prune` removes the
 * unused entries. Exit 1 when a test has no recording or (without --prune) an entry is unused.
 */
export async function execute(
  paths: string[],
  opts: { prune?: boolean; config?: string; cassettes?: string },
  cmd?: Command,
): Promise<number> {
  const cwd = process.cwd();
  const flags = cmd ? explicitFlags(cmd) : { ...opts };
  const {
    config,
    prune: _prune,
    ...rest
  } = flags as { config?: string; prune?: boolean } & Record<string, unknown>;
  const { settings, suitePaths } = await resolveRunSettings({
    paths,
    cwd,
    ...(config ? { config } : {}),
    settings: rest as Partial<Settings>,
  });
  const { suites } = await loadSuites(suitePaths, { cwd });
  // Every case the suites can produce: --filter, --tag, --lang and --shard never narrow this,
  // or --prune would delete the recordings of the cases left out.
  const cases = await expandCases(suites, {
    ...(settings.models ? { models: settings.models } : {}),
    ...(settings.repeat !== undefined ? { repeat: settings.repeat } : {}),
  });
  const dir = settings.cassettes === undefined ? undefined : resolve(cwd, settings.cassettes);
  const result = await checkCassettes(
    suites.map((s) => ({ name: s.name, file: resolve(cwd, s.file) })),
    cases,
    { ...(dir ? { dir } : {}), prune: Boolean(opts.prune), firstRequest: firstRequestOf },
  );

  const show = (p: string) => relative(cwd, p) || p;
  const out: string[] = [];
  for (const m of result.missing) {
    out.push(
      `missing  ${m.case_id}  (${show(m.suite_file)}:${m.line}:${m.col}; no entry in ${show(m.cassette)})`,
    );
  }
  for (const u of result.unused) {
    out.push(
      `${opts.prune ? 'pruned ' : 'unused '}  ${show(u.cassette)}  ${u.key}  ${u.purpose} ${u.case_id || '(unknown case)'}`,
    );
  }
  const tests = cases.filter((c) => !c.skip).length;
  out.push(
    `${tests} case${tests === 1 ? '' : 's'} in ${suites.length} suite${suites.length === 1 ? '' : 's'}: ` +
      `${result.missing.length} without a recording, ${result.unused.length} unused entr${result.unused.length === 1 ? 'y' : 'ies'}` +
      (opts.prune ? ` (${result.pruned} removed)` : ''),
  );
  if (result.missing.length > 0) {
    out.push('record the missing ones with: qeval run --mode auto (needs AIMLAPI_KEY)');
  }
  if (result.unused.length > 0 && !opts.prune)
    out.push('remove the unused ones with: qeval cassettes check --prune');
  stdout(`${out.join('\n')}\n`);
  const failing = result.missing.length > 0 || (!opts.prune && result.unused.length > 0);
  return failing ? ExitCode.failures : ExitCode.ok;
}
