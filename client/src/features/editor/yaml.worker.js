// A local entry for the monaco-yaml worker: importing it through this file lets Vite's dev server
// pre-bundle its CommonJS dependency (path-browserify), which fails when imported directly.
import 'monaco-yaml/yaml.worker.js';
