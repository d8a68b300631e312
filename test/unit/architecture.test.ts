/**
 * The dependency rules `npm run lint` enforces (.dependency-cruiser.cjs): the real tree passes,
 * and a tree that breaks them is refused, naming each broken rule.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../utils/cli.js';

const config = createRequire(import.meta.url)(join(repoRoot, '.dependency-cruiser.cjs')) as {
  options: Record<string, unknown>;
  forbidden: unknown[];
};

async function violations(baseDir: string): Promise<string[]> {
  const { options, ...ruleSet } = config;
  const result = await cruise(['src'], { ...options, validate: true, ruleSet, baseDir } as never, {}, {});
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

let broken: string;
beforeAll(async () => {
  broken = await mkdtemp(join(tmpdir(), 'qeval-arch-'));
  const files: Record<string, string> = {
    'tsconfig.json': '{"compilerOptions":{"module":"NodeNext","moduleResolution":"NodeNext","strict":true}}',
    // A type-only import counts: statistics taking a type from the reports.
    'src/stats/wilson.ts': "import type { Row } from '../report/row.js';\nexport const w = (r: Row) => r;\n",
    'src/report/row.ts': 'export type Row = number;\n',
    // The client reaching into the engine.
    'src/provider/client.ts': "import { engine } from '../run/engine.js';\nexport const client = engine;\n",
    'src/run/engine.ts': 'export const engine = 1;\n',
    // A file loop inside one folder.
    'src/suite/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
    'src/suite/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    // The engine printing through the progress bar.
    'src/run/progress.ts': "import cliProgress from 'cli-progress';\nexport const bar = cliProgress;\n",
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(broken, path)), { recursive: true });
    await writeFile(join(broken, path), text);
  }
  // So the package resolves from the fixture as it does from the repository.
  await writeFile(join(broken, 'package.json'), '{"type":"module"}');
  await mkdir(join(broken, 'node_modules'), { recursive: true });
  await mkdir(join(broken, 'node_modules', 'cli-progress'), { recursive: true });
  await writeFile(
    join(broken, 'node_modules', 'cli-progress', 'package.json'),
    '{"name":"cli-progress","main":"i.js"}',
  );
  await writeFile(join(broken, 'node_modules', 'cli-progress', 'i.js'), 'module.exports = {};');
});
afterAll(() => rm(broken, { recursive: true, force: true }));

describe('dependency rules', () => {
  it('hold for src/', async () => {
    expect(await violations(repoRoot)).toEqual([]);
  });

  it('refuse a wrong arrow, a type-only one, a cycle and printing from the engine', async () => {
    expect(await violations(broken)).toEqual([
      'arrows-of-provider: src/provider/client.ts -> src/run/engine.ts',
      'arrows-of-stats: src/stats/wilson.ts -> src/report/row.ts',
      'no-circular: src/suite/a.ts -> src/suite/b.ts',
      'only-the-cli-prints: src/run/progress.ts -> node_modules/cli-progress/i.js',
      'the-client-knows-no-scoring: src/provider/client.ts -> src/run/engine.ts',
    ]);
  });
});

describe('errors', () => {
  it('every error qeval throws is a typed QevalError (no plain Error, RangeError or TypeError)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const found: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'generated') await walk(p);
        } else if (p.endsWith('.ts')) {
          const lines = (await readFile(p, 'utf8')).split('\n');
          lines.forEach((line, i) => {
            // The worker's own source is a string of plain JavaScript, not qeval code.
            if (
              /throw new (Error|RangeError|TypeError)\(/.test(line) &&
              !line.includes("'the module has no")
            ) {
              found.push(`${p.slice(repoRoot.length)}:${i + 1}`);
            }
          });
        }
      }
    };
    await walk(join(repoRoot, 'src'));
    expect(found).toEqual([]);
  });
});
