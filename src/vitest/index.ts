/**
 * qeval's vitest matchers:
 *
 * ```ts
 * import { expect } from 'vitest';
 * import { qevalMatchers } from 'qeval/vitest';
 * expect.extend(qevalMatchers);
 *
 * await expect(answer).toPass({ type: 'contains', value: 'Paris' });
 * await expect(answer).toMatchLanguage('ar');
 * ```
 *
 * Assertions are those of suites, with the same options, messages and language handling;
 * model-graded ones go through the same client and cassettes (replay unless `QEVAL_MODE` or
 * {@link createQevalMatchers}'s `mode` says otherwise). Importing this module does not load vitest.
 */
import { createQevalMatchers, type MatcherAssertion, type ToPassOptions } from './matchers.js';

export type { QevalMatcherOptions } from './grading.js';
export {
  createQevalMatchers,
  type MatcherAssertion,
  type QevalMatcherSet,
  type ToPassOptions,
} from './matchers.js';

/** The matchers with settings from the environment, for `expect.extend(qevalMatchers)`. */
export const qevalMatchers = createQevalMatchers();

/** What `expect(text)` gains; every matcher is async: `await` it. */
export interface QevalAssertions {
  /** Passes when the text passes the assertion(s), as a suite's test would. */
  toPass(assertion: MatcherAssertion | MatcherAssertion[], options?: ToPassOptions): Promise<void>;
  /** Passes when the text is in the language (or one of the languages) given. */
  toMatchLanguage(lang: string | string[]): Promise<void>;
}

// vitest's documented augmentation point (`expect(x)`'s Assertion extends Matchers; an augmentation
// of the re-exported Assertion itself does not merge). Use them as `await expect(text).toPass(…)`.
declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: an augmentation repeats vitest's own declaration
  interface Matchers<T = any> extends QevalAssertions {}
}
