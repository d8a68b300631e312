/** The fast path renders exactly what Handlebars renders, and hands everything else to it. */
import { describe, expect, it } from 'vitest';
import { fastRender } from '../../../src/suite/fast-render.js';
import { render } from '../../../src/suite/templates.js';

const ctx: Record<string, unknown> = {
  name: '李雷',
  n: 0,
  f: false,
  nil: null,
  list: ['a', 'b'],
  user: { first: 'Ana', tags: ['x'] },
  test: { id: 't1', name: 'T' },
  html: '<b>&"</b>',
};

const templates = [
  'plain text',
  'Hi {{name}}!',
  '{{name}}{{name}}',
  '{{ name }} / {{n}} / {{f}} / {{nil}} / {{missing}}',
  '{{list}} {{user.first}} {{user.tags}} {{user.nope.deeper}}',
  '{{test.id}}:{{test.name}}',
  '{{html}}',
  '{{name.length}}',
  '{{user.constructor}}',
  '{{#if name}}yes {{name}}{{else}}no{{/if}}',
  '{{! a comment }}{{name}}',
  '\\{{name}} escaped',
  '{{~name~}} trimmed',
  '{{{name}}} triple',
  '{{lookup user "first"}}',
];

describe('fastRender', () => {
  it.each(templates)('%s', (source) => {
    expect(fastRender(source, ctx)).toBe(render(source, ctx));
  });

  it('renders the same template with different contexts', () => {
    expect(fastRender('Hi {{name}}', { name: 'A' })).toBe('Hi A');
    expect(fastRender('Hi {{name}}', { name: 'B' })).toBe('Hi B');
  });
});
