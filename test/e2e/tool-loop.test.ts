/** The tool loop through the built CLI against the loopback simulator, then replayed offline. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/contracts/result.js';
import { weatherAgent } from '../utils/agent-sim.js';
import { cleanEnv, runCli } from '../utils/cli.js';
import { type Simulator, startSimulator } from '../utils/simulator.js';

const key = 'sk-tools-e2e-secret';
let sim: Simulator;
let dir: string;

const suite = `name: agent
tools:
  - name: get_weather
    description: Current weather for a city
    parameters: { type: object, properties: { city: { type: string } }, required: [city] }
    mock:
      "city=Paris": { city: Paris, temp_c: 18, sky: clear }
      "city=Cairo": { city: Cairo, temp_c: 31, sky: sunny }
      "*": { error: unknown city }
  - name: get_time
    parameters: { type: object, properties: { tz: { type: string } } }
    mock: file://mocks/time.js
tests:
  - id: one
    prompt: "What's the weather in Paris?"
    assert: [{ type: contains, value: "18" }]
  - id: parallel
    prompt: "Weather in Paris and Cairo?"
    assert: [{ type: contains-all, value: ["18", "31"] }]
  - id: unknown-tool
    prompt: "ghost: weather in Paris?"
    assert: [{ type: contains, value: "18" }]
  - id: garbled
    prompt: "garble: weather in Paris?"
  - id: endless
    prompt: "loop forever in Paris"
    max_steps: 3
  - id: mock-throws
    prompt: "explode the clock"
    assert: [{ type: icontains, value: "sorry" }]
  - id: flaky
    prompt: "Flaky weather in Cairo?"
    assert: [{ type: contains, value: "31" }]
  - id: down
    prompt: "Down weather in Cairo?"
`;

async function project(): Promise<string> {
  const d = await mkdtemp(join(dir, 'p-'));
  await mkdir(join(d, 'suites', 'mocks'), { recursive: true });
  await writeFile(join(d, 'suites', 'agent.yaml'), suite);
  await writeFile(
    join(d, 'suites', 'mocks', 'time.js'),
    'export default () => { throw new Error("clock is broken"); };\n',
  );
  return d;
}

async function cases(d: string): Promise<Record<string, CaseResult>> {
  const report = JSON.parse(await readFile(join(d, 'reports', 'report.json'), 'utf8')) as {
    cases: CaseResult[];
  };
  return Object.fromEntries(report.cases.map((c) => [c.test_id, c]));
}

const toolMessage = (b: { messages: Array<{ role: string }> }) => b.messages.some((m) => m.role === 'tool');
const says = (text: string) => (b: { messages: Array<{ content: unknown }> }) =>
  String(b.messages[0]?.content).startsWith(text);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-tool-loop-'));
  sim = await startSimulator({
    respond: weatherAgent,
    chunkDelayMs: 0,
    faults: [
      // A gateway error mid-loop: once for `flaky` (retried), always for `down`.
      { kind: '503', times: 1, match: (b) => says('Flaky')(b) && toolMessage(b) },
      { kind: '500', match: (b) => says('Down')(b) && toolMessage(b) },
    ],
  });
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the tool loop (process)', () => {
  let d: string;
  let live: Record<string, CaseResult>;
  beforeAll(async () => {
    d = await project();
    const r = await runCli(
      ['run', '--mode', 'record', '--base-url', sim.url, '--no-progress', '--retries', '2'],
      {
        cwd: d,
        env: cleanEnv({ AIMLAPI_KEY: key }),
      },
    );
    expect(r.code, r.stderr + r.stdout).toBe(1);
    live = await cases(d);
  }, 60_000);

  it('sends the tool result back and passes on the final answer', () => {
    const c = live.one!;
    expect(c.status).toBe('pass');
    expect(c.response?.output).toBe('It is 18°C and clear in Paris.');
    expect(c.transcript?.steps).toBe(2);
    expect(c.transcript?.messages.map((m) => [m.role, m.step ?? 0, m.turn])).toEqual([
      ['user', 0, 1],
      ['assistant', 1, 1],
      ['tool', 1, 1],
      ['assistant', 2, 1],
    ]);
    expect(c.transcript?.messages[1]?.tool_calls).toEqual([
      { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', args: { city: 'Paris' } },
    ]);
    expect(c.transcript?.messages[2]).toMatchObject({
      name: 'get_weather',
      tool_call_id: 'call_1',
      content: '{"city":"Paris","temp_c":18,"sky":"clear"}',
    });
  });

  it('runs parallel calls in one step, results in call order', () => {
    const c = live.parallel!;
    expect(c.status).toBe('pass');
    const tools = c.transcript!.messages.filter((m) => m.role === 'tool');
    expect(tools.map((m) => [m.tool_call_id, m.step])).toEqual([
      ['call_1', 1],
      ['call_2', 1],
    ]);
    expect(c.transcript?.steps).toBe(2);
  });

  it('answers an unknown tool with an error result the model recovers from', () => {
    const c = live['unknown-tool']!;
    expect(c.status).toBe('pass');
    const first = c.transcript!.messages.find((m) => m.role === 'tool')!;
    expect(first.error).toMatch(/unknown tool "get_wether"; the tools are: get_weather, get_time/);
    expect(c.transcript?.steps).toBe(3);
  });

  it('fails a case whose arguments are not JSON, naming the step, and lets the model recover', () => {
    const c = live.garbled!;
    expect(c.status).toBe('fail');
    expect(c.assertions.at(-1)).toMatchObject({ type: 'tool-loop', pass: false });
    expect(c.assertions.at(-1)?.reason).toMatch(
      /step 1: the model called get_weather with arguments are not JSON/,
    );
    expect(c.response?.output).toContain('18');
  });

  it('fails a case that runs out of max_steps, with the reason', () => {
    const c = live.endless!;
    expect(c.status).toBe('fail');
    expect(c.transcript?.steps).toBe(3);
    expect(c.transcript?.stopped).toMatch(/ran out of max_steps \(3\) in turn 1/);
    expect(c.assertions.at(-1)?.reason).toMatch(/max_steps/);
  });

  it('turns a mock that throws into an error result the model sees, recorded on the case', () => {
    const c = live['mock-throws']!;
    const tool = c.transcript!.messages.find((m) => m.role === 'tool')!;
    expect(tool.error).toMatch(/clock is broken/);
    expect(tool.content).toContain('"error"');
    expect(c.status).toBe('pass');
  });

  it('retries a gateway error mid-loop like any call; a lasting one keeps the transcript so far', () => {
    expect(live.flaky!.status).toBe('pass');
    const down = live.down!;
    expect(down.status).toBe('error');
    expect(down.error?.kind).toBe('http');
    expect(down.transcript?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('replays offline with the same transcripts, every step from the cassette', async () => {
    const r = await runCli(['run', '--no-progress'], { cwd: d, env: cleanEnv() });
    expect(r.code, r.stderr).toBe(1);
    const replayed = await cases(d);
    for (const [id, c] of Object.entries(live)) {
      if (id === 'down') continue;
      expect(replayed[id]?.transcript, id).toEqual(c.transcript);
      expect(replayed[id]?.status, id).toBe(c.status);
    }
    const cassette = JSON.parse(await readFile(join(d, 'suites', '__cassettes__', 'agent.json'), 'utf8')) as {
      entries: Record<string, { case_id: string; step?: number }>;
    };
    const steps = Object.values(cassette.entries)
      .filter((e) => e.case_id.startsWith('agent/one/'))
      .map((e) => e.step)
      .sort();
    expect(steps).toEqual([1, 2]);
  });

  it('names the step of a replay miss', async () => {
    const path = join(d, 'suites', '__cassettes__', 'agent.json');
    const cassette = JSON.parse(await readFile(path, 'utf8')) as {
      entries: Record<string, { case_id: string; step?: number }>;
    };
    for (const [k, e] of Object.entries(cassette.entries)) {
      if (e.case_id.startsWith('agent/one/') && e.step === 2) delete cassette.entries[k];
    }
    await writeFile(path, JSON.stringify(cassette));
    await runCli(['run', '--no-progress', '--filter', 'one'], { cwd: d, env: cleanEnv() });
    const c = (await cases(d)).one!;
    expect(c.error?.kind).toBe('cassette-miss');
    expect(c.error?.message).toMatch(/no recording for step 2 of test "agent\/one\/qwen-max#0"/);
    expect(c.transcript?.steps).toBe(1);
  });
});
