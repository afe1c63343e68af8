import { defineConfig } from 'vitest/config';

/**
 * Test files run one at a time (what Vitest picks on 2 cores anyway). PARLEY_TEST_WORKERS=2
 * runs two at once: the resources a test starts have their own ports, directories and
 * databases, but tests with short time windows (scheduled sends, job leases, process
 * deadlines) have not yet been shown to hold with two files sharing 2 cores.
 */
const workers = Math.max(1, Number(process.env.PARLEY_TEST_WORKERS ?? 1) || 1);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'web/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: workers,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
