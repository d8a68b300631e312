/** Datasets (`tests: file://…`): rows of vars from YAML, JSONL and CSV, with their lines; bad rows positioned. */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/contracts/diagnostic.js';
import { readDataset } from '../../../src/suite/dataset.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-dataset-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, content: string) {
  await writeFile(join(dir, name), content);
  const diags: Diagnostic[] = [];
  const rows = await readDataset(join(dir, name), `data/${name}`, diags);
  return { rows, diags };
}

describe('readDataset', () => {
  it('reads CSV rows as string vars, each with the line it starts on', async () => {
    const { rows, diags } = await read('a.csv', 'id,name,city\ng1,Ana,"Porto, PT"\ng2,"Li\nLei",北京\n');
    expect(diags).toEqual([]);
    expect(rows).toEqual([
      {
        vars: { id: 'g1', name: 'Ana', city: 'Porto, PT' },
        file: 'data/a.csv',
        line: 2,
        col: 1,
        fields: { id: { line: 2, col: 1 }, name: { line: 2, col: 4 } },
      },
      {
        vars: { id: 'g2', name: 'Li\nLei', city: '北京' },
        file: 'data/a.csv',
        line: 3,
        col: 1,
        fields: { id: { line: 3, col: 1 }, name: { line: 3, col: 4 } },
      },
    ]);
  });

  it('reports a CSV row with the wrong number of fields at its line, and keeps the others', async () => {
    const { rows, diags } = await read('b.csv', 'id,name\na,Ana\nb\nc,Cy\n');
    expect(rows?.map((r) => r.vars.id)).toEqual(['a', 'c']);
    expect(diags).toEqual([
      { file: 'data/b.csv', line: 3, col: 1, path: '[2]', message: 'CSV row has 1 field, the header has 2' },
    ]);
  });

  it('reports duplicate and empty CSV header names', async () => {
    const { rows, diags } = await read('c.csv', 'id,name,,name\n1,2,3,4\n');
    expect(rows).toBeNull();
    expect(diags.map((d) => [d.line, d.message])).toEqual([
      [1, 'CSV header: column 3 has no name'],
      [1, 'CSV header: duplicate column "name"'],
    ]);
  });

  it('reports a CSV syntax error at its line and column', async () => {
    const { rows, diags } = await read('d.csv', 'id,name\n1,"open\n');
    expect(rows).toBeNull();
    expect(diags).toEqual([
      expect.objectContaining({ line: 2, col: 3, message: 'CSV: quoted field is never closed' }),
    ]);
  });

  it('reads JSONL objects with typed values, skipping blank lines', async () => {
    const { rows, diags } = await read('e.jsonl', '{"id":"a","n":1,"tags":["x"]}\n\n{"id":"b","n":2}\r\n');
    expect(diags).toEqual([]);
    expect(rows?.map((r) => [r.line, r.vars])).toEqual([
      [1, { id: 'a', n: 1, tags: ['x'] }],
      [3, { id: 'b', n: 2 }],
    ]);
  });

  it('reports a JSONL line that is not JSON, or not an object, at its line', async () => {
    const { rows, diags } = await read('f.jsonl', '{"id":"a"}\n{"id": oops}\n[1,2]\n');
    expect(rows?.map((r) => r.vars.id)).toEqual(['a']);
    expect(diags.map((d) => [d.line, d.message.slice(0, 6)])).toEqual([
      [2, 'JSONL:'],
      [3, 'JSONL '],
    ]);
    expect(diags[0]!.message).toMatch(/^JSONL: Unexpected token/);
    expect(diags[1]!.message).toMatch(/must be an object of vars/);
  });

  it('reads a YAML list of mappings with each row at its node', async () => {
    const { rows, diags } = await read('g.yaml', '# rows\n- { id: a, name: Ana }\n- id: b\n  name: Bo\n');
    expect(diags).toEqual([]);
    expect(rows?.map((r) => [r.line, r.col, r.vars])).toEqual([
      [2, 3, { id: 'a', name: 'Ana' }],
      [3, 3, { id: 'b', name: 'Bo' }],
    ]);
  });

  it('reports a YAML dataset that is not a list, and rows that are not mappings', async () => {
    expect((await read('h.yaml', 'id: a\n')).diags[0]!.message).toMatch(/must be a list of mappings/);
    const { rows, diags } = await read('i.yaml', '- { id: a }\n- just text\n');
    expect(rows).toHaveLength(1);
    expect(diags).toEqual([
      { file: 'data/i.yaml', line: 2, col: 3, path: '[1]', message: 'dataset row must be a mapping of vars' },
    ]);
  });

  it('accepts line-based datasets past the 10 MB YAML limit, but not YAML ones', async () => {
    const row = `${JSON.stringify({ id: 'x', text: 'y'.repeat(100) })}\n`;
    const big = row.repeat(Math.ceil((11 * 1024 * 1024) / row.length));
    await writeFile(join(dir, 'big.jsonl'), big);
    const diags: Diagnostic[] = [];
    const rows = await readDataset(join(dir, 'big.jsonl'), 'big.jsonl', diags);
    expect(diags).toEqual([]);
    expect(rows!.length).toBe(big.length / row.length);

    const fh = await open(join(dir, 'big.yaml'), 'w');
    await fh.truncate(11 * 1024 * 1024);
    await fh.close();
    const yamlDiags: Diagnostic[] = [];
    expect(await readDataset(join(dir, 'big.yaml'), 'big.yaml', yamlDiags)).toBeNull();
    expect(yamlDiags[0]!.message).toMatch(/at most 10 MB/);
  });
});
