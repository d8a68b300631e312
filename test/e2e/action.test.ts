/**
 * action.yml cannot run here (no GitHub runner), so this holds it to the CLI it drives: every
 * `npx qeval …` it runs is a real command, and every flag it passes is one that command takes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runCli } from '../utils/cli.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
}

describe('action.yml', () => {
  it('is a composite action whose qeval commands and flags all exist', async () => {
    const action = parse(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      runs: { using: string; steps: Step[] };
    };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['suites', 'mode', 'shard', 'baseline', 'comment']),
    );
    const scripts = action.runs.steps.map((s) => s.run ?? '').join('\n');
    const used = new Map<string, Set<string>>();
    for (const line of scripts.split('\n')) {
      const m = /npx qeval (\w+)(.*)/.exec(line);
      if (!m) continue;
      const flags = used.get(m[1]!) ?? new Set<string>();
      for (const f of m[2]!.matchAll(/(?:^|\s)(--?[a-z][a-z-]*)/g)) flags.add(f[1]!);
      used.set(m[1]!, flags);
    }
    // Flags the run step adds through its array.
    for (const f of scripts.matchAll(/flags(?:\+)?=\(([^)]*)\)/g)) {
      for (const g of f[1]!.matchAll(/(--?[a-z][a-z-]*)/g)) used.get('run')?.add(g[1]!);
    }
    expect([...used.keys()].sort()).toEqual(['comment', 'merge', 'run']);
    for (const [command, flags] of used) {
      const help = await runCli([command, '--help']);
      expect(help.code, `qeval ${command} --help`).toBe(0);
      for (const flag of flags)
        expect(help.stdout, `qeval ${command} ${flag}`).toMatch(new RegExp(`(^|[ ,])${flag}\\b`, 'm'));
    }
    // The eval's verdict is the last step, after the reports and the comment.
    expect(action.runs.steps.at(-1)?.run).toContain('exit "$CODE"');
  });
});
