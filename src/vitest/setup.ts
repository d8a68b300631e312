/**
 * A vitest setup file (`test.setupFiles: ['qeval/vitest/setup']`) that adds qeval's matchers to
 * `expect`, with settings from the environment.
 */
import { expect } from 'vitest';
import { qevalMatchers } from './index.js';

expect.extend(qevalMatchers);
