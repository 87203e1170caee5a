import { defineConfig } from 'vitest/config';

// `npm test`: the pure unit tests and the database tests (on PGlite, or on PostgreSQL when
// SAFEGUARD_TEST_DATABASE_URL is set). Browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: ['src/**/*.db.test.ts'] } },
      { extends: true, test: { name: 'db', include: ['src/**/*.db.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
