/** Handlebars templates of prompts and assertion values: rendering, and the variables a template reads. */
import { describe, expect, it } from 'vitest';
import { inspectTemplate, isTemplate, render } from '../../../src/suite/templates.js';

describe('render', () => {
  it('fills vars and built-ins without HTML escaping (prompts are not HTML)', () => {
    const out = render('{{greeting}}, {{name}}! ({{lang}}/{{model}}/{{test.id}})', {
      greeting: 'Hi <b>&',
      name: 'O\'Brien "Bob"',
      lang: 'en',
      model: 'qwen-max',
      test: { id: 'greet-en' },
    });
    expect(out).toBe('Hi <b>&, O\'Brien "Bob"! (en/qwen-max/greet-en)');
  });

  it('returns text without template syntax as it is', () => {
    expect(isTemplate('plain { text }')).toBe(false);
    expect(render('plain { text }', {})).toBe('plain { text }');
  });

  it('supports the built-in block helpers', () => {
    const src = '{{#if formal}}Dear {{name}}{{else}}Hi {{name}}{{/if}}: {{#each items}}[{{this}}]{{/each}}';
    expect(render(src, { formal: true, name: 'Ana', items: ['a', 'b'] })).toBe('Dear Ana: [a][b]');
    expect(render(src, { formal: false, name: 'Ana', items: [] })).toBe('Hi Ana: ');
  });

  it('gives the same result when the compiled template is reused across contexts', () => {
    const src = 'Hello {{name}}';
    const names = Array.from({ length: 50 }, (_, i) => `n${i}`);
    expect(names.map((name) => render(src, { name }))).toEqual(names.map((n) => `Hello ${n}`));
  });
});

describe('inspectTemplate', () => {
  it('lists root variables at the position of the name inside the template', () => {
    const info = inspectTemplate('Hi {{name}},\nyou are in {{city}} ({{test.id}})');
    expect(info.error).toBeUndefined();
    expect(info.vars).toEqual([
      { name: 'name', line: 1, col: 6 },
      { name: 'city', line: 2, col: 14 },
      { name: 'test', field: 'id', line: 2, col: 24 },
    ]);
  });

  it('checks the condition of if/unless and both branches, but not the bodies of each/with', () => {
    const info = inspectTemplate(
      '{{#if a}}{{b}}{{else}}{{c}}{{/if}}{{#each list}}{{item}}{{/each}}{{#with obj}}{{x}}{{/with}}',
    );
    expect(info.vars.map((v) => v.name)).toEqual(['a', 'b', 'c', 'list', 'obj']);
  });

  it('ignores @data variables, this, and parent scopes', () => {
    expect(
      inspectTemplate('{{#each xs}}{{@index}}{{this}}{{../y}}{{/each}}').vars.map((v) => v.name),
    ).toEqual(['xs']);
  });

  it('reports an unknown helper at its position', () => {
    const info = inspectTemplate('ok\n  {{shout name}}');
    expect(info.error).toEqual({ message: expect.stringMatching(/unknown helper "shout"/), line: 2, col: 3 });
  });

  it('reports partials as unsupported', () => {
    expect(inspectTemplate('{{> header}}').error?.message).toMatch(/partials/);
  });

  it('reports a syntax error with its line', () => {
    const info = inspectTemplate('line one\nline {{two');
    expect(info.error?.message).toMatch(/template does not compile/);
    expect(info.error?.line).toBe(2);
  });
});
