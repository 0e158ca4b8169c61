import { readFileSync } from 'node:fs';

// package.json lies outside the compiled rootDir, so it is read at run time; `../package.json` is the
// same file from both src/ and dist/.
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version?: unknown;
};

export const SERVER_VERSION = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
