import { defineConfig } from 'vitest/config';

// Browser tests: a real server on the embedded database, driven through Debian's Chromium.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: { include: ['e2e/**/*.e2e.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false },
});
