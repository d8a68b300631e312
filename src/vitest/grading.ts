/**
 * Grader calls of the vitest matchers: through the same client and cassettes as a run. Each call
 * opens the test file's cassette (`__cassettes__/<test file>.json` beside it, or one `cassettes`
 * directory), asks, and closes it again, so a recording is written at once and no interceptor
 * outlives the call; calls of one process take turns, since one origin has one cassette session.
 */
import { basename, relative } from 'node:path';
import type { GradeFn } from '../assertions/types.js';
import { openCassettes } from '../cassette/transport.js';
import { resolveSettings } from '../config/resolve.js';
import type { Mode, Settings } from '../contracts/settings.js';
import { InputError } from '../errors.js';
import { createClient } from '../provider/client.js';
import { fetchTransport, type Transport } from '../provider/transport.js';

/** How model-graded matchers reach the grader; each falls back to the environment, then the default. */
export interface QevalMatcherOptions {
  /** replay (default) | record | auto | live; env `QEVAL_MODE`. */
  mode?: Mode;
  /** One directory for every cassette instead of `__cassettes__` beside each test file; env `QEVAL_CASSETTES`. */
  cassettes?: string;
  /** The gateway; env `AIMLAPI_BASE_URL` (the key is env `AIMLAPI_KEY` only). */
  baseUrl?: string;
  /** Provenance written into cassettes this process records; env `QEVAL_CASSETTE_NOTE`, as for `qeval run`. */
  note?: string;
}

const modes: readonly Mode[] = ['replay', 'record', 'auto', 'live'];

/** The run settings the matchers' client uses: the options, else the environment, else the defaults. */
export function matcherSettings(options: QevalMatcherOptions, env: NodeJS.ProcessEnv): Settings {
  const mode = options.mode ?? (env.QEVAL_MODE || undefined);
  if (mode !== undefined && !modes.includes(mode as Mode)) {
    const from =
      options.mode === undefined ? 'environment variable QEVAL_MODE' : 'qeval matchers option mode';
    throw new InputError(`${from}: "${mode}" is not one of ${modes.join(', ')}`, 'E_USAGE');
  }
  const cassettes = options.cassettes ?? (env.QEVAL_CASSETTES || undefined);
  return resolveSettings({}, env, { mode, cassettes, baseUrl: options.baseUrl });
}

/** Where a matcher call is written: its test file and test, which name the cassette and the call. */
export interface CallSite {
  testPath: string;
  testName: string;
}

/** The cassette's suite name of a test file: `greeting.test.ts` → `greeting.test`. */
export function suiteOfTestFile(testPath: string): string {
  return basename(testPath).replace(/\.[cm]?[jt]sx?$/, '');
}

let turn: Promise<unknown> = Promise.resolve();

/** Runs `task` after every call before it in this process has finished. */
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const next = turn.then(task, task);
  turn = next.catch(() => undefined);
  return next;
}

/**
 * A grade function for one matcher call at `site`. The settings are read when a grader is called,
 * so a deterministic matcher never depends on them.
 */
export function graderAt(options: QevalMatcherOptions, site: CallSite): GradeFn {
  const suite = suiteOfTestFile(site.testPath);
  return (req) =>
    inTurn(async () => {
      const settings = matcherSettings(options, process.env);
      const note = options.note ?? (process.env.QEVAL_CASSETTE_NOTE || undefined);
      const transport: Transport =
        settings.mode === 'live'
          ? fetchTransport()
          : await openCassettes({
              mode: settings.mode,
              suites: [{ name: suite, file: site.testPath }],
              baseUrl: settings.baseUrl,
              ...(settings.cassettes ? { dir: settings.cassettes } : {}),
              ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
              ...(note ? { note } : {}),
              rerecordHint: `re-record with: QEVAL_MODE=record npx vitest run ${relative(process.cwd(), site.testPath)} -t ${JSON.stringify(site.testName)} (or QEVAL_MODE=auto to record only what is missing)`,
            });
      const client = createClient({
        baseUrl: settings.baseUrl,
        ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
        timeoutMs: settings.timeout,
        maxResponseBytes: settings.maxResponseBytes,
        retries: settings.retries,
        concurrency: 1,
        prices: settings.prices,
        transport,
      });
      try {
        return await client.complete(
          { model: req.model, messages: req.messages, ...(req.params ?? {}) },
          { caseId: `${suite}/${site.testName}`, sample: 0, purpose: 'grader', suite },
        );
      } finally {
        await transport.close();
      }
    });
}
