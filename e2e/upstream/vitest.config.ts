import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The judges: real kube-apiserver, etcd, kubectl and Traefik, built by `npm run upstream:build`.
// They start real processes, so files run one at a time and the timeouts allow for their startup.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: {
    alias: {
      '@dialtone/shared': fileURLToPath(new URL('../../shared/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['e2e/upstream/tests/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
