import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import {
  compileOptions,
  generatedTemplatesFile,
  PARTIALS,
  templatesModuleSource,
} from '../../../src/build/template-source.js';
import { templateFile, templates } from '../../../src/report/templates.js';

const repo = new URL('../../../', import.meta.url);

describe('precompiled report templates', () => {
  it(`${generatedTemplatesFile} is what the templates compile to (npm run gen:schema)`, () => {
    expect(readFileSync(new URL(generatedTemplatesFile, repo), 'utf8') === templatesModuleSource()).toBe(
      true,
    );
  });

  it('render what compiling the sources renders', () => {
    const hbs = Handlebars.create();
    for (const p of PARTIALS) hbs.registerPartial(p, hbs.compile(templateFile(`${p}.hbs`), compileOptions));
    const page = hbs.compile(templateFile('report.hbs'), compileOptions);
    const context = {
      csp: "default-src 'none'",
      styles: 'body{}',
      script: 'void 0',
      comparisonHtml: null,
      dataMarker: '@@DATA@@',
    } as unknown as Parameters<ReturnType<typeof templates>['page']>[0];
    expect(templates().page(context)).toBe(page(context));
  });
});
