/**
 * Records the shipped example cassettes against qeval's loopback simulator (never the real API),
 * with scripted answers per test, so `npx qeval run` works offline out of the box. Every cassette
 * written carries a note saying how it was made.
 *
 *   npm run record:examples              the suites and the vitest example
 *   npm run record:examples -- --vitest  the vitest example's grader calls only
 *   npm run record:examples -- suites/agent-weather.yaml   these suite files only
 *
 * To record real cassettes instead: `AIMLAPI_KEY=… npx qeval run --mode record`.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { weatherAgent } from '../test/utils/agent-sim.js';
import { dialogueSim, refundDesk, roleOf } from '../test/utils/dialogue-sim.js';
import { type SimAnswer, type SimRequestBody, startSimulator } from '../test/utils/simulator.js';
import { exampleAnswer } from './example-answers.js';

const NOTE =
  "Recorded against qeval's loopback simulator (scripted answers), not the real API. Re-record with AIMLAPI_KEY set and --mode record.";

function tokens(text: string): number {
  return Math.max(1, Math.ceil([...text].length / 3));
}

/** suites/support-sim.yaml: the simulated customer's lines, the Hindi refund desk, the goal-met grader. */
const refunds = dialogueSim({
  user: () => ['मुझे रिफंड चाहिए, जल्दी!', 'ऑर्डर 1234 है।', '[GOAL MET]'],
  assistant: refundDesk,
  goalMet: (conversation) => /R-77/.test(conversation),
});

/**
 * A request with tools (suites/agent-weather.yaml) is answered by the test suite's weather and
 * booking agent, which calls tools and answers from their results; the refund dialogue of
 * suites/support-sim.yaml by its scripted sides; any other by the scripted answer of its test.
 */
function respond(body: SimRequestBody, headers: IncomingHttpHeaders): SimAnswer {
  const prompt = body.messages.reduce(
    (n, m) => n + tokens(typeof m.content === 'string' ? m.content : ''),
    0,
  );
  if (roleOf(body) !== 'assistant' || JSON.stringify(body.tools ?? '').includes('refund_order')) {
    const answer = refunds(body);
    const said = answer.content + JSON.stringify(answer.tool_calls ?? '');
    return { ...answer, usage: { prompt_tokens: prompt, completion_tokens: tokens(said) } };
  }
  if (Array.isArray(body.tools)) {
    const answer = weatherAgent(body);
    const said = answer.content + JSON.stringify(answer.tool_calls ?? '');
    return { ...answer, usage: { prompt_tokens: prompt, completion_tokens: tokens(said) } };
  }
  const requestId = String(headers['x-client-request-id'] ?? '');
  const content = exampleAnswer(requestId, body);
  return {
    content,
    finish_reason: 'stop',
    usage: { prompt_tokens: prompt, completion_tokens: tokens(content) },
  };
}

/** A plausible, deterministic latency per request (300–1,900 ms) so reports show real spreads. */
function latency(body: SimRequestBody): number {
  const text = JSON.stringify(body.messages);
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return 300 + (h % 1600);
}

async function main(): Promise<void> {
  const sim = await startSimulator({ respond, latencyMs: latency });
  const out = join(tmpdir(), `qeval-record-${process.pid}`);
  try {
    const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
    if (!process.argv.includes('--vitest')) await recordSuites(sim.url, out, only.length ? only : ['suites']);
    if (only.length === 0) await recordVitestExample(sim.url);
    process.stdout.write(`recorded ${sim.stats.requests} requests\n`);
  } finally {
    await sim.close();
    await rm(out, { recursive: true, force: true });
  }
}

/** Runs `node args` with `env` added, to its end; the simulator in this process keeps answering. */
async function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  // Not spawnSync: the simulator lives in this process and must keep answering.
  const child = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, AIMLAPI_KEY: 'simulator-key', QEVAL_CASSETTE_NOTE: NOTE, ...env },
  });
  return new Promise<number | null>((resolve) => child.on('close', resolve));
}

async function recordSuites(baseUrl: string, out: string, suites: string[]): Promise<void> {
  const args = ['bin/qeval.js', 'run', ...suites, '--mode', 'record', '--base-url', baseUrl, '-o', out];
  const code = await runNode([...args, '--no-progress', '-j', '16'], {});
  process.stdout.write(`qeval exited ${code}\n`);
}

/** The grader calls of examples/vitest, recorded by its own test run (QEVAL_MODE=record). */
async function recordVitestExample(baseUrl: string): Promise<void> {
  await rm('examples/vitest/__cassettes__', { recursive: true, force: true });
  const args = ['node_modules/vitest/vitest.mjs', 'run', '--root', 'examples/vitest'];
  const code = await runNode(args, { QEVAL_MODE: 'record', AIMLAPI_BASE_URL: baseUrl });
  process.stdout.write(`vitest example exited ${code}\n`);
}

await main();
