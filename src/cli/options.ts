import { type Command, InvalidArgumentError, Option } from 'commander';
// The settings table alone, not the engine behind src/index.ts: every command's flags come from it.
import { type SettingCommand, settingHelp, settingsTable } from '../config/table.js';

/** Adds the flags of every setting the command takes, from the one settings table. */
export function addSettingOptions(cmd: Command, command: SettingCommand): Command {
  for (const s of settingsTable) {
    if (!s.flag || !s.commands.includes(command)) continue;
    // Defaults are applied in resolveSettings so the config file can override them; the help
    // text only names them.
    const opt = new Option(s.flag, settingHelp(s, command));
    if (s.parse) {
      const parse = s.parse;
      opt.argParser((raw: string) => {
        try {
          return parse(raw);
        } catch (err) {
          throw new InvalidArgumentError((err as Error).message);
        }
      });
    }
    cmd.addOption(opt);
  }
  cmd.option('-c, --config <file>', 'config file (default: ./qeval.config.yaml when present)');
  return cmd;
}

/** The options the user actually gave (not commander's implied defaults, e.g. for `--no-progress`). */
export function explicitFlags(cmd: Command): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const values = cmd.opts();
  for (const [k, v] of Object.entries(values)) {
    const source = cmd.getOptionValueSource(k);
    if (source === 'cli' || source === 'env') out[k] = v;
  }
  return out;
}
