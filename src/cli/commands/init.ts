/** `qeval init [dir] [--force]`: writes a starter config and suite that validate as written. */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../index.js';
import { stdout } from '../terminal.js';

/** The starter config: every line a documented default, so it is safe to keep as is. */
export const starterConfig = `# yaml-language-server: $schema=node_modules/qeval/schema/config.schema.json
# qeval settings; command-line flags win over these, and AIMLAPI_KEY comes from the environment.
suites: [suites]
models: [qwen-max]
mode: replay            # replay | record | auto | live
concurrency: 8
timeout: 60000
retries: 4
output: reports
format: [json, html]
`;

/** The starter suite: one intent in three languages, checked four ways. */
export const starterSuite = `# yaml-language-server: $schema=../node_modules/qeval/schema/suite.schema.json
# Suite files are code: javascript assertions and file:// modules run with qeval's rights, so run
# suites with your AIMLAPI_KEY only from branches you trust.
name: starter
description: A greeting in three languages
models: [qwen-max]
params: { temperature: 0, max_tokens: 200, seed: 7 }
system: "You are a concise, friendly assistant."
vars: { name: Ana }
defaults:
  assert:
    - { type: latency, max_ms: 30000 }
tests:
  - id: greet
    name: Greets the user by name
    prompt:
      en: "Greet {{name}} in one short sentence."
      es: "Saluda a {{name}} en una frase corta."
      zh: "用一句简短的话向{{name}}问好。"
    assert:
      - { type: language }                      # the case's language
      - { type: contains, value: "{{name}}" }
      - { type: length, unit: sentences, max: 2 }
  - id: capital-json
    prompt: 'Reply with JSON only: {"capital": <the capital of France>}'
    params: { response_format: { type: json_object } }
    assert:
      - { type: is-json }
      - { type: json-path, path: $.capital, equals: Paris }
`;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Writes `qeval.config.yaml` and `suites/starter.yaml` into `dir`; refuses to overwrite without --force. */
export async function execute(
  dir: string | undefined,
  opts: { force?: boolean },
  _cmd?: Command,
): Promise<number> {
  const root = dir ?? '.';
  const files = [
    { path: join(root, 'qeval.config.yaml'), text: starterConfig },
    { path: join(root, 'suites', 'starter.yaml'), text: starterSuite },
  ];
  if (!opts.force) {
    const present = [];
    for (const f of files) if (await exists(f.path)) present.push(f.path);
    if (present.length > 0) {
      throw new InputError(
        `${present.join(' and ')} already exist${present.length === 1 ? 's' : ''}; use --force to overwrite`,
        'E_EXISTS',
      );
    }
  }
  await mkdir(join(root, 'suites'), { recursive: true });
  for (const f of files) await writeFile(f.path, f.text);
  for (const f of files) stdout(`wrote ${relative(process.cwd(), f.path) || f.path}\n`);
  stdout(
    `next: qeval validate${root === '.' ? '' : ` ${join(root, 'suites')}`}, then qeval run --mode record with AIMLAPI_KEY set\n`,
  );
  return 0;
}
