/**
 * A vitest setup file (`test.setupFiles: ['qeval/vitest/setup']`) that adds qeval's matchers to
 * `expect`, with settings from the environment. A setup file adds no types to the test files:
 * `import type {} from 'qeval/vitest'` in one of them (or a .d.ts) types `expect(…).toPass`.
 */
import { expect } from 'vitest';
import { qevalMatchers } from './index.js';

expect.extend(qevalMatchers);
