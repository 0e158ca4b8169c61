import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const dist = fileURLToPath(new URL('../../client/dist/', import.meta.url));

test('the initial JavaScript stays within 150 KB gzip and never includes Monaco', () => {
  const html = readFileSync(`${dist}index.html`, 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => /editor\.api|monaco|worker/.test(s))).toEqual([]);
  const gzipped = scripts.reduce(
    (sum, file) => sum + gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length,
    0,
  );
  expect(gzipped).toBeLessThanOrEqual(150 * 1024);
});
