/** qeval.config.yaml: read with positions, validated against the settings table, merged under env and flags. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import { formatDiagnostic, ValidationError } from '../../../src/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorsOf(name: string, yaml: string): Promise<string[]> {
  await writeFile(join(dir, name), yaml);
  const err = await loadConfig(name, dir).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).diagnostics.map(formatDiagnostic);
}

describe('loadConfig', () => {
  it('returns {} when there is no config file and none was asked for', async () => {
    expect(await loadConfig(undefined, dir)).toEqual({ values: {}, path: null });
  });

  it('reads ./qeval.config.yaml by default and returns its snake_case values', async () => {
    await writeFile(join(dir, 'qeval.config.yaml'), 'concurrency: 4\nfail_on: none\nmodels: [qwen-max]\n');
    const { values, path } = await loadConfig(undefined, dir);
    expect(values).toEqual({ concurrency: 4, fail_on: 'none', models: ['qwen-max'] });
    expect(path).toBe(join(dir, 'qeval.config.yaml'));
    await rm(join(dir, 'qeval.config.yaml'));
  });

  it('says so when an explicitly given file is missing', async () => {
    const err = (await loadConfig('missing.yaml', dir).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.diagnostics[0]).toMatchObject({ file: 'missing.yaml', line: 1, col: 1 });
    expect(err.diagnostics[0]!.message).toMatch(/config file/);
  });

  it('positions every bad value and unknown key', async () => {
    expect(
      await errorsOf('bad.yaml', 'concurrency: 0\nmode: replya\nformat: [json, pdf]\nconcurency: 3\n'),
    ).toEqual([
      'bad.yaml:1:14  concurrency  must be >= 1, got 0',
      'bad.yaml:2:7  mode  "replya" is not allowed; must be one of replay, record, auto, live (did you mean replay?)',
      'bad.yaml:3:16  format[1]  "pdf" is not allowed; must be one of json, html, junit, md',
      'bad.yaml:4:1  concurency  unknown property "concurency"; allowed: $schema, suites, models, mode, cassettes, concurrency, timeout, max_response_bytes, retries, filter, tag, lang, repeat, shard, output, format, baseline, fail_on, max_drop, min_pass_rate … (9 more) (did you mean concurrency?)',
    ]);
  });

  it('refuses a key in the config file and says where it belongs', async () => {
    const [line] = await errorsOf('key.yaml', 'api_key: sk-123\n');
    expect(line).toBe(
      'key.yaml:1:1  api_key  "api_key" may not be in the config file (it would end up in version control); set the environment variable AIMLAPI_KEY',
    );
  });

  it('rejects a config that is not a mapping, and broken YAML', async () => {
    expect(await errorsOf('list.yaml', '- a\n- b\n')).toEqual([
      'list.yaml:1:1  (document)  the config file must be a mapping of settings, found a list',
    ]);
    const [syntax] = await errorsOf('broken.yaml', 'mode: [replay\n');
    expect(syntax).toMatch(/^broken\.yaml:\d+:\d+ {2}\(document\) {2}YAML syntax error/);
  });
});

describe('config, env and flags from one table', () => {
  it('lets flags win over env, and env over the file', async () => {
    await writeFile(
      join(dir, 'layers.yaml'),
      'base_url: https://file.example/v1\nconcurrency: 2\ntimeout: 1000\n',
    );
    const { values } = await loadConfig('layers.yaml', dir);
    const s = resolveSettings(
      values,
      { AIMLAPI_BASE_URL: 'https://env.example/v1/', AIMLAPI_KEY: 'k' },
      { concurrency: 16 },
    );
    expect(s.baseUrl).toBe('https://env.example/v1');
    expect(s.concurrency).toBe(16);
    expect(s.timeout).toBe(1000);
    expect(s.retries).toBe(4);
    expect(s.apiKey).toBe('k');
  });
});
