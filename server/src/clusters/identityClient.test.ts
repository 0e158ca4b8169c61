import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { IdentityClients } from './identityClient.js';

// A stand-in API server that records the raw header lines of each request, since what matters here
// is exactly what goes over the wire: the real API server reads one group per Impersonate-Group line.
const seen: string[][] = [];
const server = createServer((req: IncomingMessage, res) => {
  seen.push(req.rawHeaders);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ apiVersion: 'v1', kind: 'NamespaceList', metadata: {}, items: [] }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function config(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

function values(raw: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) out.push(raw[i + 1]!);
  return out;
}

describe('impersonation through client-node', () => {
  it('sends one Impersonate-Group line per group, and the user', async () => {
    const clients = new IdentityClients(config());
    const groups = ['dev', 'ops', 'team:a,b', 'system:authenticated'];
    await clients.clientFor({ kind: 'impersonate', user: 'alice', groups }).listNamespaces();
    const raw = seen.at(-1)!;
    expect(values(raw, 'impersonate-user')).toEqual(['alice']);
    expect(values(raw, 'impersonate-group').sort()).toEqual([...groups].sort());
  });

  it('sends no impersonation at all for the local identity', async () => {
    const clients = new IdentityClients(config());
    await clients.clientFor({ kind: 'local' }).listNamespaces();
    const raw = seen.at(-1)!;
    expect(values(raw, 'impersonate-user')).toEqual([]);
    expect(values(raw, 'impersonate-group')).toEqual([]);
  });
});
