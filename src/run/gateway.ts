/**
 * The client and the cassettes a command's settings describe: shared by `run` (engine.ts) and
 * `compare --judge` (judge-pairs.ts), so that both reach the gateway the same way.
 */
import { resolve } from 'node:path';
import type { CassetteTransport } from '../cassette/transport.js';
import type { Settings } from '../contracts/settings.js';
import { createClient } from '../provider/client.js';
import type { Transport } from '../provider/transport.js';
import type { ChatClient, ClientEvent } from '../provider/types.js';

/** The settings that say where and how calls go, and where their recordings are. */
export type GatewaySettings = Pick<
  Settings,
  | 'mode'
  | 'baseUrl'
  | 'apiKey'
  | 'cassettes'
  | 'maxAge'
  | 'timeout'
  | 'maxResponseBytes'
  | 'retries'
  | 'concurrency'
  | 'rpm'
  | 'prices'
>;

/** The chat client of these settings, over `transport` (default: the network). */
export function settingsClient(
  settings: GatewaySettings,
  transport: Transport | undefined,
  onEvent?: (e: ClientEvent) => void,
): ChatClient {
  return createClient({
    baseUrl: settings.baseUrl,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    timeoutMs: settings.timeout,
    maxResponseBytes: settings.maxResponseBytes,
    retries: settings.retries,
    concurrency: settings.concurrency,
    ...(settings.rpm ? { rpm: settings.rpm } : {}),
    prices: settings.prices,
    ...(transport ? { transport } : {}),
    ...(onEvent ? { onEvent } : {}),
  });
}

/** A live session sends its calls to the network (no cassettes); every other mode goes through them. */
export async function settingsCassettes(
  settings: GatewaySettings,
  suites: Array<{ name: string; file: string }>,
  cwd: string,
  extra: { note?: string | undefined; affected?: boolean; rerecordHint?: string } = {},
): Promise<CassetteTransport | undefined> {
  if (settings.mode === 'live') return undefined;
  // Loaded here, not up front: a live run never needs the cassette layer.
  const { openCassettes } = await import('../cassette/transport.js');
  return openCassettes({
    mode: settings.mode,
    suites,
    baseUrl: settings.baseUrl,
    ...(settings.cassettes ? { dir: resolve(cwd, settings.cassettes) } : {}),
    ...(settings.maxAge !== undefined ? { maxAgeDays: settings.maxAge } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    ...(extra.note ? { note: extra.note } : {}),
    ...(extra.affected ? { affected: true } : {}),
    ...(extra.rerecordHint ? { rerecordHint: extra.rerecordHint } : {}),
  });
}
