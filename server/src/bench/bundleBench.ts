import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './table.js';

const CLIENT_DIST = new URL('../../../client/dist/', import.meta.url);
const BUDGET_BYTES = 250 * 1024;

function gzipSize(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length;
}

/**
 * The JavaScript and CSS a browser loads before the dashboard is interactive: what index.html
 * references (entry script, module preloads, stylesheets), gzipped. The baseline, measured in the
 * same run, is React DOM's own production build gzipped: the floor any React dashboard pays.
 */
export function bundleBench(): BenchRow[] {
  const indexUrl = new URL('index.html', CLIENT_DIST);
  if (!existsSync(indexUrl)) throw new Error('client/dist/index.html is missing: run "npm run build" first.');
  const html = readFileSync(indexUrl, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const initial = assets.reduce((sum, path) => sum + gzipSize(readFileSync(new URL(path, CLIENT_DIST))), 0);
  // The package's exports hide its files; find the package folder from its manifest instead.
  const require = createRequire(new URL('../../../client/package.json', import.meta.url));
  const reactDomDir = dirname(require.resolve('react-dom/package.json'));
  const baseline = gzipSize(readFileSync(join(reactDomDir, 'cjs', 'react-dom-client.production.js')));
  const loadedMonaco = assets.some((path) => /monaco|editor\.api/i.test(path));
  return [
    {
      name: `initial JavaScript and CSS (${assets.length} files, gzip)`,
      figure: `${(initial / 1024).toFixed(1)} KiB${loadedMonaco ? ' (includes Monaco!)' : ', Monaco loaded only on Edit'}`,
      baseline: `react-dom production build ${(baseline / 1024).toFixed(1)} KiB`,
      ratio: initial / baseline,
      target: '<= 250 KiB',
      met: initial <= BUDGET_BYTES && !loadedMonaco,
      details: { initialBytes: initial, baselineBytes: baseline, files: assets.join(', ') },
    },
  ];
}
