import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the shared package from source so a change there needs no rebuild first.
export default defineConfig({
  resolve: {
    alias: {
      '@dialtone/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'client/src/**/*.test.{ts,tsx}',
      'deploy/**/*.test.ts',
      'bench/src/**/*.test.ts',
      'scripts/**/*.test.mjs',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
