import { defineConfig } from 'vitest/config';

/**
 * The dashboard's end-to-end tests, until the workspace's e2e project also looks in
 * `packages/*\/test/e2e/`: `npx vitest run --config packages/dashboard/test/e2e/vitest.config.ts`.
 * Needs the collector and the dashboard built, and the collector serving the dashboard's script.
 */
export default defineConfig({
  test: {
    name: 'dashboard-e2e',
    root: new URL('./', import.meta.url).pathname,
    environment: 'node',
    include: ['*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
