import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { captureIO } from './capturedIO.js';

describe('dialtone', () => {
  it('lists serve, cluster and lint in --help', async () => {
    const io = captureIO();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/dialtone \[serve\]/);
    expect(io.out()).toMatch(/dialtone cluster/);
    expect(io.out()).toMatch(/dialtone lint/);
  });

  it('rejects an unknown command with status 2 and points to --help', async () => {
    const io = captureIO();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err()).toContain('unknown command "frobnicate"');
    expect(io.err()).toContain('--help');
  });

  it('rejects a bad serve flag with status 2 and a message', async () => {
    const io = captureIO();
    expect(await main(['serve', '--port', 'seventy'], io)).toBe(2);
    expect(io.err()).toMatch(/^dialtone serve: --port "seventy" is not a port number/);
  });
});
