import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { clusterRequest, endpointFromKubeconfig } from '../localcluster/index.js';
import { parseClusterFlags, runClusterCommand } from './cluster.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

function captureIO(): { io: CliIO; stdout: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  return {
    io: { stdin: new PassThrough(), stdout, stderr: new PassThrough(), cwd: '/work' },
    stdout: () => text,
  };
}

describe('dialtone cluster', () => {
  it('reads its flags, with defaults for what is not given', () => {
    expect(parseClusterFlags([], '/w')).toEqual({
      port: 7301,
      host: '127.0.0.1',
      ephemeral: false,
      seed: 'none',
    });
    expect(parseClusterFlags(['--port=0', '--data-dir', 'data', '--seed', 'demo'], '/w')).toMatchObject({
      port: 0,
      dataDir: '/w/data',
      seed: 'demo',
    });
  });

  it('refuses bad flags with a usage error that says what to do', () => {
    expect(() => parseClusterFlags(['--port', 'http'], '/w')).toThrow(UsageError);
    expect(() => parseClusterFlags(['--seed', 'full'], '/w')).toThrow(
      '--seed must be "demo" or "none", got "full"',
    );
    expect(() => parseClusterFlags(['--ephemeral', '--data-dir', 'x'], '/w')).toThrow('exclude each other');
    expect(() => parseClusterFlags(['--bogus'], '/w')).toThrow('unknown flag "--bogus"');
  });

  it('anonymous admin: prints a kubeconfig whose CA and token reach the server, which refuses a request without a token, and stops on SIGTERM', async () => {
    const { io, stdout } = captureIO();
    const running = runClusterCommand(['--port', '0', '--ephemeral'], io);
    for (let i = 0; i < 100 && !stdout().includes('Kubeconfig:'); i++)
      await new Promise((r) => setTimeout(r, 20));
    const path = /Kubeconfig: (\S+)/.exec(stdout())?.[1] ?? '';
    const kubeconfig = readFileSync(path, 'utf8');
    expect(kubeconfig).toContain('certificate-authority-data:');
    expect(kubeconfig).not.toContain('insecure-skip-tls-verify');
    expect(kubeconfig).not.toMatch(/^\s+as: /m);
    const admin = endpointFromKubeconfig(kubeconfig);
    expect(admin.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await clusterRequest(admin, '/api/v1/namespaces')).status).toBe(200);
    const { token: _token, ...anonymous } = admin;
    expect((await clusterRequest(anonymous, '/api/v1/namespaces')).status).toBe(401);
    expect((await clusterRequest(anonymous, '/version')).status).toBe(200);
    expect(readFileSync(/CA certificate: (\S+)/.exec(stdout())?.[1] ?? '', 'utf8')).toBe(admin.ca);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(stdout()).toContain('stopped');
  });
});
