/**
 * `qeval compare a.json b.json --judge` through the built CLI, its grader calls recorded against
 * the loopback simulator (a fake key, `--base-url sim.url`) and then replayed without it. B's
 * answers are better in German and worse in French: B wins every German pair and loses every
 * French one, so overall it is even (sign test p = 1) while each language differs, Holm-adjusted
 * across the two. A position-biased grader (always the first answer) turns every pair into a tie.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorNote } from '../../src/cassette/transport.js';
import type { Comparison } from '../../src/contracts/comparison.js';
import { cleanEnv, runCli, runLive, writeProject } from '../utils/cli.js';
import { type SimRequestBody, type Simulator, startSimulator } from '../utils/simulator.js';

const ids = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'];
const suite = `name: snapshots
models: [qwen-max]
tests:
${ids.map((id) => `  - id: ${id}\n    prompt: { de: "${id} de", fr: "${id} fr" }\n    assert: [{ type: contains, value: "[" }]`).join('\n')}
`;

/** Which snapshot the simulator answers as, and whether its grader always picks the first answer. */
const state = { side: 'a' as 'a' | 'b', biased: false };

function between(text: string, tag: string): string {
  return text.split(`<${tag}>\n`)[1]?.split(`\n</${tag}>`)[0] ?? '';
}

function respond(body: SimRequestBody) {
  const prompt = String(body.messages.at(-1)?.content ?? '');
  const usage = { prompt_tokens: 20, completion_tokens: 10 };
  if (prompt.includes('<first_answer>')) {
    // The grader: the answer marked [good] is better; both alike is a tie.
    const first = between(prompt, 'first_answer').startsWith('[good]');
    const second = between(prompt, 'second_answer').startsWith('[good]');
    const better = state.biased ? 'first' : first === second ? 'tie' : first ? 'first' : 'second';
    return { content: JSON.stringify({ reason: `the ${better} one`, better }), usage };
  }
  // B is better in German, worse in French.
  const good = prompt.endsWith(' de') === (state.side === 'b');
  return { content: `${good ? '[good]' : '[poor]'} answer to ${prompt}`, usage };
}

let sim: Simulator;
let dir: string;
const key = 'sk-e2e-pairwise-fake-000';

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'qeval-e2e-pairwise-'));
  dir = await writeProject(root, 'project', { 'suites/snapshots.yaml': suite });
  sim = await startSimulator({ respond });
  for (const side of ['a', 'b'] as const) {
    state.side = side;
    const r = await runLive(sim.url, key, dir, ['-o', `runs/${side}`]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const readComparison = async (out: string) =>
  JSON.parse(await readFile(join(dir, out, 'compare.json'), 'utf8')) as Comparison;

function compare(out: string, extra: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(['compare', 'runs/a/report.json', 'runs/b/report.json', '-o', out, '--judge', ...extra], {
    cwd: dir,
    env: cleanEnv(env),
  });
}

describe('compare --judge', () => {
  it('records: B wins in German and loses in French; per-language sign tests, Holm-adjusted', async () => {
    const before = sim.stats.requests;
    const r = await compare('cmp', ['--mode', 'record', '--base-url', sim.url], {
      AIMLAPI_KEY: key,
      QEVAL_CASSETTE_NOTE: simulatorNote,
    });
    expect(r.code, r.stderr).toBe(0);
    // 16 pairs, each asked in both orders, of the default grader.
    expect(sim.stats.requests - before).toBe(32);
    const graderBodies = sim.stats.bodies.slice(-32);
    expect(new Set(graderBodies.map((b) => b.model))).toEqual(new Set(['qwen-max']));
    const c = await readComparison('cmp');
    const p = c.pairwise!;
    expect(p.judge).toBe('qwen-max');
    expect([p.overall.b_wins, p.overall.ties, p.overall.a_wins, p.overall.errors]).toEqual([8, 0, 8, 0]);
    expect(p.overall.p).toBe(1);
    const de = p.by_lang.find((g) => g.name === 'de')!;
    const fr = p.by_lang.find((g) => g.name === 'fr')!;
    expect([de.b_wins, de.a_wins, fr.b_wins, fr.a_wins]).toEqual([8, 0, 0, 8]);
    // Sign test: 2·½⁸ = 0.0078125 in each; Holm over two languages: 2·0.0078125 = 0.015625.
    expect(de.p).toBeCloseTo(0.0078125, 12);
    expect(fr.p).toBeCloseTo(0.0078125, 12);
    expect(de.p_adjusted).toBeCloseTo(0.015625, 12);
    expect(fr.p_adjusted).toBeCloseTo(0.015625, 12);
    expect([de.significant, fr.significant]).toEqual([true, true]);
    expect([de.b_win_share, fr.b_win_share]).toEqual([1, 0]);
    expect(p.cases.every((x) => x.votes.a_first === x.votes.b_first)).toBe(true);
    expect(r.stdout).toContain('Pairwise (grader qwen-max, both orders): 8 wins, 0 ties, 8 losses');
    expect(r.stdout).toMatch(/de: 8\/0\/0, sign test p = 0\.0078, Holm p = 0\.016 — significant/);
    const md = await readFile(join(dir, 'cmp', 'compare.md'), 'utf8');
    expect(md).toContain('### Pairwise judgement (grader `qwen-max`, both orders)');
    expect(md).toContain('| `de` **significant** | 8 | 8 / 0 / 0 | 100.0%');
    const html = await readFile(join(dir, 'cmp', 'compare.html'), 'utf8');
    expect(html).toContain('id="comparison-pairwise"');
    // The grader calls are cassette entries of the suite, noted as recorded against the simulator.
    const cassettes = join(dir, 'suites', '__cassettes__');
    const [file] = await readdir(cassettes);
    const cassette = JSON.parse(await readFile(join(cassettes, file!), 'utf8')) as {
      note?: string;
      entries: Record<string, unknown>;
    };
    expect(cassette.note).toBe(simulatorNote);
    expect(Object.keys(cassette.entries)).toHaveLength(32);
  });

  it('replays the grader calls by default, with no key and no request to the gateway', async () => {
    const before = sim.stats.requests;
    const r = await compare('cmp-replay', ['--base-url', sim.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(sim.stats.requests).toBe(before);
    const recorded = await readComparison('cmp');
    const replayed = await readComparison('cmp-replay');
    expect(replayed.pairwise!.by_lang).toEqual(recorded.pairwise!.by_lang);
  });

  it('a grader that always picks the first answer gives ties: its preference flips with the order', async () => {
    state.biased = true;
    try {
      const r = await compare(
        'cmp-biased',
        ['--mode', 'record', '--base-url', sim.url, '--cassettes', 'biased-cassettes'],
        { AIMLAPI_KEY: key },
      );
      expect(r.code, r.stderr).toBe(0);
    } finally {
      state.biased = false;
    }
    const p = (await readComparison('cmp-biased')).pairwise!;
    expect([p.overall.b_wins, p.overall.ties, p.overall.a_wins]).toEqual([0, 16, 0]);
    expect(p.cases.every((x) => x.votes.a_first === 'a' && x.votes.b_first === 'b')).toBe(true);
    expect(p.by_lang.map((g) => [g.name, g.p, g.p_adjusted])).toEqual([
      ['de', 1, 1],
      ['fr', 1, 1],
    ]);
    expect(p.verdict).toContain('every pair a tie');
  });

  it('a missing recording is a pair without verdict, said in a warning; --mode record needs a key', async () => {
    const r = await compare('cmp-miss', ['--base-url', sim.url, '--cassettes', 'empty-cassettes']);
    expect(r.code, r.stderr).toBe(0);
    const c = await readComparison('cmp-miss');
    expect(c.pairwise!.overall.errors).toBe(16);
    expect(c.warnings.join('\n')).toMatch(/pairwise: 16 of 16 pair\(s\) got no verdict.*no recording/);
    const noKey = await compare('cmp-nokey', ['--mode', 'record', '--base-url', sim.url]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('no API key');
  });
});
