/** Bad assertion options are typed errors with a code; the CLI and the case report name them. */
import { describe, expect, it } from 'vitest';
import { compileAssertion } from '../../../src/assertions/compile.js';
import { AssertionOptionsError } from '../../../src/assertions/types.js';
import type { ResolvedAssertion } from '../../../src/contracts/case.js';
import { InternalError, QevalError } from '../../../src/errors.js';
import { wilsonInterval } from '../../../src/stats/wilson.js';

const spec = (fields: Record<string, unknown>) =>
  ({ weight: 1, pos: { file: 's.yaml', line: 3, col: 7 }, ...fields }) as ResolvedAssertion;

describe('typed errors', () => {
  it('a regex that does not compile is an AssertionOptionsError (E_ASSERTION_OPTIONS, exit 2)', () => {
    const err = (() => {
      try {
        compileAssertion(spec({ type: 'regex', value: '([a-z' }));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AssertionOptionsError);
    expect(err).toBeInstanceOf(QevalError);
    expect(err).toMatchObject({ code: 'E_ASSERTION_OPTIONS', exitCode: 2 });
    expect((err as Error).message).toMatch(/^regex: invalid pattern/);
  });
  it('an unknown type names itself', () => {
    expect(() => compileAssertion(spec({ type: 'containz', value: 'x' }))).toThrow(
      expect.objectContaining({ code: 'E_ASSERTION_OPTIONS', message: 'unknown assertion type "containz"' }),
    );
  });
  it('a statistic outside its domain is a bug: InternalError, exit 70', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(expect.objectContaining({ code: 'E_INTERNAL', exitCode: 70 }));
    expect(() => wilsonInterval(5, 4)).toThrow(InternalError);
  });
});
