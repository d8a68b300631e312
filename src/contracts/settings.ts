/** The resolved settings of a run; the settings table (config/table.ts) says where each comes from. */

export type Mode = 'replay' | 'record' | 'auto' | 'live';

export type FailOn = 'failures' | 'regressions' | 'none';

export type Format = 'json' | 'html' | 'junit' | 'md';

/** Resolved settings of a run. */
export interface Settings {
  models?: string[];
  mode: Mode;
  cassettes?: string;
  concurrency: number;
  timeout: number;
  /** The most of one response body read, in bytes. */
  maxResponseBytes: number;
  retries: number;
  filter?: string;
  tag?: string[];
  lang?: string[];
  repeat?: number;
  shard?: string;
  output: string;
  format: Format[];
  baseline?: string;
  failOn?: FailOn;
  maxDrop?: number;
  minPassRate?: number;
  resume: boolean;
  /** With `resume`: run the cases that ended `error` again too. */
  retryErrors: boolean;
  /** Only the cases without a recording go to the gateway; the rest replay. */
  affected: boolean;
  /** The CLI's `run --watch`: runs again on save (the engine ignores it). */
  watch: boolean;
  progress: boolean;
  quiet: boolean;
  baseUrl: string;
  maxAge?: number;
  rpm?: number;
  /** USD per million tokens, per model. */
  prices: Record<string, { input: number; output: number }>;
  /** Never read from the config file: env AIMLAPI_KEY only. */
  apiKey?: string;
}
