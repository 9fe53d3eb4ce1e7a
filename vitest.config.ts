import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The data layer is marked server-only for Next.js bundles; tests run it directly in Node.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/empty.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Needs two running servers: scripts/test.mjs runs it after the build (PostgreSQL only).
    exclude: process.env.INSTANCE_URLS ? ['node_modules/**'] : ['tests/multi-instance/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
