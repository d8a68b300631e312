/** Handlebars templates of prompts and assertion values: rendering, and the variables a template reads. */
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/stats/rng.js';
import { inspectSimple, inspectTemplate, isTemplate, render } from '../../../src/suite/templates.js';

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

describe('reading simple templates without Handlebars', () => {
  /** What inspectTemplate says when Handlebars parses the template. */
  function viaHandlebars(source: string): unknown {
    const ast = Handlebars.parse(source);
    const vars: Array<Record<string, unknown>> = [];
    for (const st of ast.body) {
      if (st.type !== 'MustacheStatement') continue;
      const m = st as hbs.AST.MustacheStatement;
      if (m.params.length > 0 || m.hash) return 'other';
      const p = m.path as hbs.AST.PathExpression;
      if (p.type !== 'PathExpression' || p.data || p.depth > 0 || p.original === 'this') return 'other';
      vars.push({
        name: p.parts[0],
        ...(p.parts[1] !== undefined ? { field: p.parts[1] } : {}),
        line: p.loc.start.line,
        col: p.loc.start.column + 1,
      });
    }
    return { vars };
  }

  it('gives what Handlebars gives on every template it takes, and declines the rest', () => {
    const rand = createRng(11);
    const pieces = [
      '{{code}}',
      '{{ name }}',
      '{{a.b}}',
      '{{  x.y.z  }}',
      '{{$v}}',
      '{{a-b}}',
      'text ',
      'café ',
      '中文',
      '\n',
      '\n  ',
      '{{\n lang }}',
      ' {{test.id}}',
      '{',
      '}',
      '{{{raw}}}',
      '{{this}}',
      '{{true}}',
      '{{else}}',
      '{{!c}}',
      '{{#if a}}x{{/if}}',
      '\\{{esc}}',
      '{{~t~}}',
      '{{@index}}',
      '{{../up}}',
      '{{a.[b]}}',
      '{{true.x}}',
      '\r\n',
    ];
    let taken = 0;
    for (let n = 0; n < 3000; n++) {
      let source = '';
      for (let k = 1 + Math.floor(rand() * 6); k > 0; k--)
        source += pieces[Math.floor(rand() * pieces.length)]!;
      const simple = inspectSimple(source);
      if (simple === undefined) continue;
      taken++;
      expect(simple, JSON.stringify(source)).toEqual(viaHandlebars(source));
    }
    expect(taken).toBeGreaterThan(300);
  });

  it('declines what only Handlebars can judge', () => {
    for (const s of [
      '{{{a}}}',
      '{{a}}}',
      '{{#if a}}{{/if}}',
      '{{this.x}}',
      '{{true}}',
      '{{else}}',
      '\\{{a}}',
      'a\r\n{{b}}',
      '{{a}} }',
    ])
      expect(inspectSimple(s), s).toBeUndefined();
  });
});
