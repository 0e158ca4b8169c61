import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@dialtone/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Monaco's chunks are large by nature and load only when editing; the entry's budget is checked
    // by the browser journeys and `npm run bench`, so the generic 500 kB warning only adds noise.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      treeshake: {
        // The shared model is pure modules; saying so lets the browse views take only the API
        // contract from it, leaving the YAML library and schemas to the lazily loaded editor.
        moduleSideEffects: (id: string) => !id.includes('/shared/src/'),
      },
    },
  },
  // Pre-bundled up front, so opening the YAML editor in dev does not make Vite re-optimize and reload.
  optimizeDeps: {
    include: ['monaco-yaml/yaml.worker.js', 'monaco-editor', 'monaco-yaml', '@monaco-editor/react'],
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:7300',
      '/healthz': 'http://127.0.0.1:7300',
    },
  },
});
