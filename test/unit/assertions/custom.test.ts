import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { closeScriptWorkers } from '../../../src/assertions/custom/file-script.js';
import { context, spec } from './helpers.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/assertions');
afterAll(closeScriptWorkers);

async function check(options: Record<string, unknown>, output: string, lang: string | null = 'en') {
  return compileAssertion(spec('javascript', options))(output, context({ lang, baseDir: fixtures }));
}

describe('javascript inline', () => {
  it('cannot reach the host: no process, no environment, no key', async () => {
    process.env.QEVAL_TEST_SECRET = 'sk-secret-in-the-parent';
    try {
      for (const code of [
        "this.constructor.constructor('return process')().env.QEVAL_TEST_SECRET",
        "(async () => {}).constructor('return process')()",
        'typeof process === "undefined" ? "no process" : process.env.QEVAL_TEST_SECRET',
      ]) {
        const v = await check({ value: `String(${code})` }, 'x').catch((e: unknown) => ({
          reason: String(e),
        }));
        expect(JSON.stringify(v)).not.toContain('sk-secret-in-the-parent');
      }
      const direct = await check({ value: "typeof process === 'undefined'" }, 'x');
      expect(direct.pass).toBe(true);
    } finally {
      delete process.env.QEVAL_TEST_SECRET;
    }
  });

  it('evaluates an expression and a function body with (output, context)', async () => {
    expect((await check({ value: 'output.includes(context.vars.name ?? "Ann")' }, 'Hi Ann')).pass).toBe(true);
    const body =
      'const n = output.split(" ").length;\nreturn { pass: n <= 3, score: 1 / n, reason: n + " words in " + context.lang };';
    expect(await check({ value: body }, 'one two three four')).toEqual({
      pass: false,
      score: 0.25,
      reason: '4 words in en',
    });
  });

  it('treats a number as the score (pass > 0, or at threshold)', async () => {
    expect((await check({ value: 'output.length / 10' }, 'abcde')).pass).toBe(true);
    const v = await check({ value: 'output.length / 10', threshold: 0.6 }, 'abcde');
    expect(v.pass).toBe(false);
    expect(v.score).toBe(0.5);
  });

  it('awaits promises the code creates itself', async () => {
    expect((await check({ value: 'return Promise.resolve(output === "x")' }, 'x')).pass).toBe(true);
  });

  it('cuts `while (true) {}` at timeout_ms', async () => {
    const started = Date.now();
    await expect(check({ value: 'while (true) {}', timeout_ms: 200 }, 'x')).rejects.toThrow(
      /timed out after 200 ms/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('cuts an endless async loop too', async () => {
    await expect(check({ value: 'for (;;) { await null; }', timeout_ms: 200 }, 'x')).rejects.toThrow(
      /timed out after 200 ms/,
    );
  });

  it('recovers after a timeout: the next case runs in a fresh context', async () => {
    const a = compileAssertion(
      spec('javascript', { value: 'output === "loop" ? (() => { for (;;) {} })() : true', timeout_ms: 150 }),
    );
    const ctx = context();
    await expect(a('loop', ctx)).rejects.toThrow(/timed out/);
    expect((await a('fine', ctx)).pass).toBe(true);
  });

  it('reports a throw and a bad return value clearly', async () => {
    await expect(check({ value: 'return output.missing.deep' }, 'x')).rejects.toThrow(
      /javascript threw: TypeError: Cannot read properties of undefined/,
    );
    await expect(check({ value: '"yes"' }, 'x')).rejects.toThrow(
      /returned the string "yes"; expected a boolean/,
    );
  });

  it('rejects code that does not compile, at compile time', () => {
    expect(() => compileAssertion(spec('javascript', { value: 'output ===' }))).toThrow(/does not compile/);
  });
});

describe('javascript file://', () => {
  it('runs the default export with the context in a worker', async () => {
    expect(await check({ value: 'file://check-polite.mjs' }, 'Thank you!', 'de')).toEqual({
      pass: true,
      score: 1,
      reason: 'lang=de',
    });
  });

  it('runs a named export', async () => {
    const v = await check({ value: 'file://check-polite.mjs:wordCount' }, 'a b c d e');
    expect(v.score).toBe(0.5);
    expect(v.pass).toBe(true);
  });

  it('terminates a module that hangs after awaiting a timer', async () => {
    await expect(check({ value: 'file://check-polite.mjs:hangs', timeout_ms: 500 }, 'x')).rejects.toThrow(
      /timed out after 500 ms/,
    );
    // The pool replaces the terminated worker.
    expect((await check({ value: 'file://check-polite.mjs' }, 'please')).pass).toBe(true);
  });

  it('reports a throwing module and a missing export', async () => {
    await expect(check({ value: 'file://check-polite.mjs:throws' }, 'x')).rejects.toThrow(
      /threw: boom from module/,
    );
    await expect(check({ value: 'file://check-polite.mjs:nope' }, 'x')).rejects.toThrow(
      /no function export "nope"/,
    );
    await expect(check({ value: 'file://absent.mjs' }, 'x')).rejects.toThrow(/threw: .*absent\.mjs/);
  });
});
