/**
 * The vitest matchers as a user runs them: vitest in a child process on the example project
 * (examples/vitest, importing `qeval/vitest` through the package's exports) and on a fixture that
 * fails on purpose. Replay is the default: the model-graded example is served from its cassette,
 * and a call with no recording fails with the cassette's miss message; nothing reaches a network.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, cleanEnv, repoRoot, runNode } from '../utils/cli.js';

const vitestBin = join(repoRoot, 'node_modules/vitest/vitest.mjs');

/** vitest on the project at `root`, in an environment with nothing of this vitest run or of qeval's settings. */
function runVitest(root: string): Promise<CliResult> {
  const env = cleanEnv();
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k.startsWith('QEVAL_')) delete env[k];
  env.NODE_ENV = 'test';
  return runNode([vitestBin, 'run', '--root', root], { env, timeoutMs: 90_000 });
}

describe('vitest matchers in a vitest run', () => {
  it('passes the example, its rubric replayed from the cassette recorded against the simulator', async () => {
    const r = await runVitest('examples/vitest');
    expect(r.stdout + r.stderr).toMatch(/Tests\s+3 passed \(3\)/);
    expect(r.code).toBe(0);
    const cassette = JSON.parse(
      await readFile(join(repoRoot, 'examples/vitest/__cassettes__/greeting.test.json'), 'utf8'),
    );
    expect(cassette.note).toMatch(/loopback simulator/);
    expect(Object.values(cassette.entries).map((e) => (e as { purpose: string }).purpose)).toEqual([
      'grader',
    ]);
  });

  it('types the matchers in the example (the augmentation of vitest shipped in dist)', async () => {
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const r = await runNode([tsc, '-p', 'examples/vitest/tsconfig.json'], { timeoutMs: 90_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('fails the failing fixture with the assertion’s reason and the cassette’s miss message', async () => {
    const r = await runVitest('test/fixtures/vitest-failing');
    // vitest prints the summary on stdout and each failure on stderr.
    const out = r.stdout + r.stderr;
    expect(r.code).toBe(1);
    expect(out).toMatch(/Tests\s+2 failed \(2\)/);
    expect(out).toContain('expected text to pass contains "Paris": output does not contain "Paris"');
    expect(out).toContain('Received: "The capital of France is Lyon."');
    expect(out).toContain(
      'toPass: llm-rubric: grader call to qwen-max failed: no recording for grader call of test "failing.test/has no recording for its grader call"',
    );
    expect(out).toContain(
      're-record with: QEVAL_MODE=record npx vitest run test/fixtures/vitest-failing/failing.test.ts -t "has no recording for its grader call"',
    );
  });
});
