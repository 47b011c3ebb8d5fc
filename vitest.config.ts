import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL server for the run; each test file makes its own databases on it.
    globalSetup: ['test/support/postgres-server.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // `npm run test:fast` leaves out what spawns processes (and the e2e folder, with its browser and CLI runs).
    tags: [
      { name: 'processes', description: 'starts child processes (tsx), seconds each on a busy machine' },
    ],
  },
});
