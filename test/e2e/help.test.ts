/**
 * `--help` of the built CLI: every flag that has a default names it, and a flag that does
 * something else in one command (compare's `-o`) says what it does there.
 */
import { describe, expect, it } from 'vitest';
import { settingsTable } from '../../src/config/table.js';
import { runCli } from '../utils/cli.js';

/** The options of a command's help, by flag spec, each help text on one line. */
async function optionHelp(command: string): Promise<Map<string, string>> {
  const help = await runCli([command, '--help'], { env: { ...process.env, COLUMNS: '80' } });
  expect(help.code, `qeval ${command} --help`).toBe(0);
  const section = help.stdout.split(/^Options:$/m)[1]?.split(/^\S/m)[0] ?? '';
  const options = new Map<string, string>();
  // An option starts at two spaces and a dash; commander wraps its text onto indented lines.
  for (const entry of section.split(/\n(?= {2}-)/)) {
    const m = /^ {2}(-\S.*?)(?: {2,}|\n)([\s\S]*)$/.exec(entry);
    if (m) options.set(m[1]!.trim(), m[2]!.replace(/\s+/g, ' ').trim());
  }
  return options;
}

describe('qeval --help', () => {
  it("run --help shows the default of every setting that has one, by the settings' own value", async () => {
    const options = await optionHelp('run');
    // Written out, not derived: what a user reads.
    const defaults: Record<string, string> = {
      '--mode <mode>': 'replay',
      '-j, --concurrency <n>': '8',
      '--timeout <ms>': '60000',
      '--max-response-bytes <n>': '8388608',
      '--retries <n>': '4',
      '-o, --output <dir>': 'reports',
      '--format <list>': 'json,html',
      '--base-url <url>': 'https://api.aimlapi.com/v1',
    };
    const withDefault = settingsTable.filter(
      (s) =>
        s.flag && s.commands.includes('run') && s.default !== undefined && typeof s.default !== 'boolean',
    );
    expect(withDefault.map((s) => s.flag).sort()).toEqual(Object.keys(defaults).sort());
    for (const [flag, value] of Object.entries(defaults)) {
      expect(options.get(flag), flag).toMatch(
        new RegExp(`\\(default: ${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)$`),
      );
    }
    // A switch is off unless given: no "(default: false)" beside it, nor "true" beside --no-progress.
    for (const flag of ['--resume', '--retry-errors', '--no-progress', '-q, --quiet'])
      expect(options.get(flag), flag).not.toMatch(/\(default: (true|false)\)/);
  });

  it("compare's and merge's -o say what they write there, not what run writes", async () => {
    const compare = await optionHelp('compare');
    expect(compare.get('-o, --output <dir>')).toBe(
      'directory for compare.json, compare.html and compare.md (default: reports)',
    );
    const merge = await optionHelp('merge');
    expect(merge.get('-o, --output <dir>')).toBe('directory for the merged reports (default: reports)');
    const run = await optionHelp('run');
    expect(run.get('-o, --output <dir>')).toBe('directory for reports and results.jsonl (default: reports)');
  });
});
