#!/usr/bin/env node
// Thin launcher so the bin works from a build without a TypeScript loader.
import '../dist/cli/main.js';
