import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT_MS } from './test/helpers/timeouts.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The machine has two cores; e2e tests spawn node subprocesses, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    // Generous bounds for a shared, loaded machine (test/helpers/timeouts.ts); a hang still ends.
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: TEST_TIMEOUT_MS,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
