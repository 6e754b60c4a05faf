import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'tools/src/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    globalSetup: ['./vitest.setup.ts'],
    testTimeout: 60_000,
    // Browser steps wait on a real server and page; the 1 s default of expect.poll is too short on a busy CI machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
