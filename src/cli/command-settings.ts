/** The settings of a command that takes the table's flags and a config file. */
import type { Command } from 'commander';
import { loadConfig, resolveSettings, type Settings } from '../index.js';
import { explicitFlags } from './options.js';

/** Defaults < the config file (`-c`, else ./qeval.config.yaml) < env < the flags the user gave. */
export async function commandSettings(cmd: Command): Promise<Settings> {
  const flags = explicitFlags(cmd);
  const config = await loadConfig(flags.config as string | undefined);
  return resolveSettings(config.values, process.env, flags);
}
