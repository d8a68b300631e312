import { defineConfig } from 'vitest/config';

// `qeval/vitest/setup` adds toPass and toMatchLanguage to expect.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    setupFiles: ['qeval/vitest/setup'],
  },
});
