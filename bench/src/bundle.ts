import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { budgetRow, type BenchRow } from './table.js';

const CLIENT_DIST = new URL('../../client/dist/', import.meta.url);
const BUDGET_KIB = 250;

/**
 * The JavaScript and CSS a browser loads before the dashboard is interactive: what index.html
 * references (entry script, module preloads, stylesheets), gzipped. Size is deterministic, so it is
 * held to an absolute budget rather than to a ratio against some other build.
 */
export function bundleBench(): BenchRow {
  const indexUrl = new URL('index.html', CLIENT_DIST);
  if (!existsSync(indexUrl)) throw new Error('client/dist/index.html is missing: run "npm run build" first.');
  const html = readFileSync(indexUrl, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const bytes = assets.reduce(
    (sum, path) => sum + gzipSync(readFileSync(new URL(path, CLIENT_DIST)), { level: 9 }).length,
    0,
  );
  const loadedMonaco = assets.some((path) => /monaco|editor\.api/i.test(path));
  const row = budgetRow({
    name: `initial JavaScript and CSS (${assets.length} files, gzip)`,
    figure: `${(bytes / 1024).toFixed(1)} KiB${loadedMonaco ? ' (includes Monaco!)' : ', Monaco loaded only on Edit'}`,
    value: bytes / 1024,
    budget: BUDGET_KIB,
    unit: 'KiB',
    details: { initialBytes: bytes, files: assets.join(', ') },
  });
  return loadedMonaco ? { ...row, verdict: 'missed' } : row;
}
