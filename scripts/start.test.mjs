import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startQuietly } from './start.mjs';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

const CHATTY_BUILD = [
  process.execPath,
  '-e',
  'for (let i = 0; i < 100; i++) console.log(`dist/assets/chunk-${i}.js  12.3 kB │ gzip: 4.5 kB`)',
];
const built = existsSync(new URL('../server/dist/cli/main.js', import.meta.url));

describe('npm start', () => {
  it.skipIf(!built)(
    'keeps the build quiet and ends with the address, the cluster and the kubectl command',
    async () => {
      const out = sink();
      const err = sink();
      const stop = new AbortController();
      const running = startQuietly({
        build: CHATTY_BUILD,
        serve: [process.execPath, 'server/dist/cli/main.js', '--demo', '--port', '0'],
        out: out.stream,
        err: err.stream,
        signal: stop.signal,
      });
      await expect.poll(() => out.text(), { timeout: 30_000 }).toMatch(/kubectl can reach it too/);
      const lines = out.text().trimEnd().split('\n');
      expect(out.text()).not.toContain('chunk-');
      expect(lines.slice(-3)).toEqual([
        expect.stringMatching(/^Dialtone is serving on http:\/\/127\.0\.0\.1:\d+ /),
        expect.stringMatching(/^Cluster: the embedded demo cluster/),
        expect.stringMatching(
          /^kubectl can reach it too: kubectl --kubeconfig \S+ get serverstransporttcps -A$/,
        ),
      ]);
      expect(lines.length).toBeLessThanOrEqual(6);
      stop.abort();
      expect(await running).toBe(0);
      expect(err.text()).toBe('');
    },
    40_000,
  );
  if (!built) console.log('skipped the npm start test: server/dist is missing, run "npm run build" first');

  it('shows the whole build output when the build fails, and does not start', async () => {
    const out = sink();
    const err = sink();
    const code = await startQuietly({
      build: [process.execPath, '-e', 'console.log("src/x.ts(1,1): error TS2304"); process.exit(2)'],
      serve: [process.execPath, '-e', 'console.log("started")'],
      out: out.stream,
      err: err.stream,
    });
    expect(code).toBe(2);
    expect(err.text()).toContain('error TS2304');
    expect(err.text()).toContain('The build failed with exit status 2');
    expect(out.text()).not.toContain('started');
  });
});
