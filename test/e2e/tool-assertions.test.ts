/** Each tool assertion, passing and failing, through the built CLI against the simulator; validate's findings. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/contracts/result.js';
import { weatherAgent } from '../utils/agent-sim.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

let sim: Simulator;
let dir: string;

const tools = `tools:
  - name: get_weather
    parameters: { type: object, properties: { city: { type: string } }, required: [city] }
    mock:
      "city=Paris": { city: Paris, temp_c: 18, sky: clear }
      "city=Cairo": { city: Cairo, temp_c: 31, sky: sunny }
  - name: book_table
    parameters: { type: object, properties: { people: { type: integer }, time: { type: string } } }
    mock: { "*": { ref: B-42 } }
  - name: delete_account
    parameters: { type: object }
`;

const suite = `name: asserts
${tools}tests:
  - id: pass-all
    prompt: "Weather in Paris and Cairo?"
    assert:
      - { type: tool-call, name: get_weather, args: { city: Cairo } }
      - { type: tool-call, name: get_weather, args_schema: { type: object, required: [city] } }
      - { type: tool-calls, value: [get_weather, get_weather], order: strict }
      - { type: tool-call-f1, value: [get_weather, get_weather] }
      - { type: not-tool-call, name: delete_account }
      - { type: turns, max: 1 }
      - { type: contains, value: "31" }
      - { type: javascript, value: "context.transcript.steps === 2 && context.transcript.messages.length === 5" }
  - id: fail-args
    prompt: "Weather in Paris?"
    assert: [{ type: tool-call, name: get_weather, args: { city: Oslo } }]
  - id: fail-schema
    prompt: "Weather in Paris?"
    assert: [{ type: tool-call, name: get_weather, args_schema: { type: object, required: [country] } }]
  - id: fail-sequence
    prompt: "Weather in Paris?"
    assert: [{ type: tool-calls, value: [book_table, get_weather], order: any }]
  - id: fail-f1
    prompt: "Weather in Paris?"
    assert: [{ type: tool-call-f1, value: [get_weather, book_table], threshold: 0.9 }]
  - id: fail-not-called
    prompt: "Weather in Paris?"
    assert: [{ type: not-tool-call, name: get_weather }]
  - id: fail-turns
    prompt: "Weather in Paris?"
    assert: [{ type: turns, min: 2 }]
`;

async function project(yaml: string): Promise<string> {
  const d = await mkdtemp(join(dir, 'p-'));
  await mkdir(join(d, 'suites'), { recursive: true });
  await writeFile(join(d, 'suites', 'asserts.yaml'), yaml);
  return d;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-tool-asserts-'));
  sim = await startSimulator({ respond: weatherAgent, chunkDelayMs: 0 });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('tool assertions (process)', () => {
  it('pass on what the model called, and fail with a reason that says what it called', async () => {
    const d = await project(suite);
    const r = await runCli(['run', '--mode', 'live', '--base-url', sim.url, '--no-progress'], {
      cwd: d,
      env: cleanEnv({ AIMLAPI_KEY: 'sk-fake-tools' }),
    });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as {
      cases: CaseResult[];
    };
    const byId = Object.fromEntries(report.cases.map((c) => [c.test_id, c]));
    const passAll = byId['pass-all']!;
    expect(passAll.assertions.filter((a) => !a.pass)).toEqual([]);
    expect(passAll.status).toBe('pass');
    const reason = (id: string) => {
      const c = byId[id]!;
      expect(c.status, id).toBe('fail');
      return c.assertions[0]!.reason;
    };
    expect(reason('fail-args')).toMatch(
      /get_weather was called with \{"city":"Paris"\}, not \{"city":"Oslo"\}/,
    );
    expect(reason('fail-schema')).toMatch(/country/);
    expect(reason('fail-sequence')).toMatch(
      /called get_weather; expected in any order book_table → get_weather/,
    );
    expect(reason('fail-f1')).toMatch(/tool-call F1 0\.6667 \(precision 1, recall 0\.5/);
    expect(reason('fail-not-called')).toMatch(/not-tool-call fails/);
    expect(reason('fail-turns')).toMatch(/1 user turn \(min 2\)/);
  }, 60_000);

  it('validate: an asserted tool the test does not declare is an error at its line, a negated one a warning', async () => {
    const d = await project(
      `${tools}tests:\n  - prompt: hi\n    assert:\n      - { type: tool-call, name: get_wether }\n      - { type: not-tool-call, name: format_disk }\n      - { type: tool-calls, value: [get_weather, refund] }\n`,
    );
    const r = await runCli(['validate'], { cwd: d, env: cleanEnv() });
    expect(r.code).toBe(2);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(
      /asserts\.yaml:15:\d+ .*tool-call: tool "get_wether" is not declared for this test.*get_weather/s,
    );
    expect(out).toMatch(/asserts\.yaml:16:\d+ .*warning.*not-tool-call: tool "format_disk" is not declared/);
    expect(out).toMatch(/asserts\.yaml:17:\d+ .*tool-calls: tool "refund" is not declared/);
  });
});
