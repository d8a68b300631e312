/** `tools:`, `mock:` and `max_steps` in suites: how they load into cases, and what validate says. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandCases } from '../../../src/suite/expand.js';
import { loadSuites } from '../../../src/suite/load.js';
import { lookupMock, parseMockKey } from '../../../src/suite/mock-table.js';
import { suiteProblems } from '../../utils/suite-problems.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeval-tools-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const problems = (name: string, yaml: string) => suiteProblems(dir, name, yaml);

const weather = [
  'tools:',
  '  - name: get_weather',
  '    description: Current weather for a city',
  '    parameters: { type: object, properties: { city: { type: string } }, required: [city] }',
  '    mock: { "city=Paris": { temp_c: 18 }, "*": { error: unknown city } }',
].join('\n');

describe('tools in suites', () => {
  it('puts the definitions on the request and the mocks and step bound on the case', async () => {
    await writeFile(join(dir, 'mock.js'), 'export default (args) => ({ time: "12:00", tz: args.tz });\n');
    await writeFile(
      join(dir, 'more.json'),
      JSON.stringify([{ type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } }]),
    );
    const yaml = [
      weather,
      'max_steps: 4',
      'tests:',
      '  - id: a',
      '    prompt: "Weather in Paris?"',
      '  - id: b',
      '    prompt: "Time?"',
      '    max_steps: 2',
      '    tools:',
      '      - { type: function, function: { name: get_time, parameters: { type: object } }, mock: file://mock.js }',
      '  - id: c',
      '    prompt: "From a file"',
      '    tools: file://more.json',
    ].join('\n');
    await writeFile(join(dir, 'ok.yaml'), yaml);
    const { suites } = await loadSuites(['ok.yaml'], { cwd: dir });
    const [a, b, c] = await expandCases(suites);
    expect(a!.request.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ]);
    expect(a!.tools).toEqual({
      mocks: {
        get_weather: {
          kind: 'table',
          table: { 'city=Paris': { temp_c: 18 }, '*': { error: 'unknown city' } },
        },
      },
      max_steps: 4,
    });
    expect((b!.request.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual([
      'get_weather',
      'get_time',
    ]);
    expect(b!.tools?.max_steps).toBe(2);
    expect(b!.tools?.mocks.get_time).toMatchObject({
      kind: 'module',
      ref: 'file://mock.js',
      file: join(dir, 'mock.js'),
    });
    expect(c!.tools?.max_steps).toBe(4);
    expect(c!.tools?.mocks.get_time).toBeUndefined();
  });

  it('reports a parameters value that is not a JSON Schema, at its line', async () => {
    const yaml = [
      'tools:',
      '  - name: t',
      '    parameters: { type: object, properties: { x: { type: 12 } } }',
      'tests: [{ prompt: hi }]',
    ].join('\n');
    const out = await problems('bad-schema.yaml', yaml);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^bad-schema\.yaml:3:17 .*tool "t": parameters is not a valid JSON Schema/);
  });

  it('reports malformed mock keys and keys naming no parameter, at the key', async () => {
    const yaml = [
      weather.replace('"*": { error: unknown city }', '"cty=Oslo": 1, "Paris": 2'),
      'tests: [{ prompt: hi }]',
    ].join('\n');
    const out = await problems('bad-keys.yaml', yaml);
    expect(out).toEqual([
      expect.stringMatching(
        /^bad-keys\.yaml:5:\d+ .*mock key "cty=Oslo" names "cty", which is not one of its parameters \(city\).*city/,
      ),
      expect.stringMatching(/^bad-keys\.yaml:5:\d+ .*mock key "Paris" is not "\*" nor name=value pairs/),
    ]);
  });

  it('reports a tool declared twice, a missing mock module and a bad tool name', async () => {
    const yaml = [
      'tools:',
      '  - { name: a, mock: file://nowhere.js }',
      '  - { name: a }',
      '  - { name: "has space" }',
      'tests: [{ prompt: hi }]',
    ].join('\n');
    const out = (await problems('dup.yaml', yaml)).join('\n');
    expect(out).toMatch(/dup\.yaml:2:\d+ .*tool mock file not found: file:\/\/nowhere\.js/);
    expect(out).toMatch(/dup\.yaml:3:\d+ .*tool "a" is declared twice/);
    expect(out).toMatch(/dup\.yaml:4:\d+ /);
  });
});

describe('mock tables', () => {
  it('parse keys and pick the most specific match, then *', () => {
    expect(parseMockKey('*')).toEqual({ kind: 'any' });
    expect(parseMockKey('city=Paris, France,unit=c')).toEqual({
      kind: 'args',
      pairs: [
        ['city', 'Paris, France'],
        ['unit', 'c'],
      ],
    });
    expect(parseMockKey('city=a,city=b')).toMatch(/twice/);
    const table = { 'city=Paris': 1, 'city=Paris,unit=f': 2, 'n=3': 3, '*': 0 };
    expect(lookupMock(table, { city: 'Paris' })?.value).toBe(1);
    expect(lookupMock(table, { city: 'Paris', unit: 'f' })?.value).toBe(2);
    expect(lookupMock(table, { n: 3 })?.value).toBe(3);
    expect(lookupMock(table, { city: 'Oslo' })).toEqual({ value: 0, key: '*' });
    expect(lookupMock({ 'city=Paris': 1 }, { city: 'Oslo' })).toBeUndefined();
  });
});
