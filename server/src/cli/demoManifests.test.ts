import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMISSION_SOURCES, lintDocuments } from '@dialtone/shared';
import { FIXED_BACKEND_PORTS, startLocalCluster } from '../localcluster/index.js';
import { kubectlMissingReason, kubectlPath } from '../localcluster/testing/harness.js';
import { main } from './main.js';
import { captureIO } from './capturedIO.js';

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface RouteService {
  name: string;
  namespace?: string;
  port: number;
}

const run = promisify(execFile);
const parse = (text: string): Doc[] => parseAllDocuments(text).map((d) => d.toJS() as Doc);

let dir: string;
let yamlText: string;
let docs: Doc[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dialtone-demo-manifests-'));
  const io = captureIO({ cwd: tmpdir() });
  const certs = join(dir, 'certs');
  expect(await main(['demo-manifests', '--backend-host', 'demo-backends', '--certs-out', certs], io)).toBe(0);
  yamlText = io.out();
  docs = parse(yamlText);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const byKind = (kind: string) => docs.filter((d) => d.kind === kind);

describe('dialtone demo-manifests --backend-host', () => {
  it('prints the demo as clean YAML documents in the three demo namespaces', () => {
    expect(byKind('Namespace').map((d) => d.metadata.name)).toEqual(['demo', 'payments', 'edge']);
    for (const kind of ['Secret', 'ConfigMap', 'Service', 'ServersTransportTCP', 'IngressRouteTCP'])
      expect(byKind(kind).length, kind).toBeGreaterThan(0);
    expect(yamlText).not.toMatch(/resourceVersion|uid:|creationTimestamp|managedFields/);
  });

  it('makes each backend Service an ExternalName on the backend host, on its own fixed port', () => {
    expect(byKind('EndpointSlice')).toEqual([]);
    const services = byKind('Service');
    expect(services).toHaveLength(Object.keys(FIXED_BACKEND_PORTS).length);
    for (const service of services) {
      expect(service.spec?.['type']).toBe('ExternalName');
      expect(service.spec?.['externalName']).toBe('demo-backends');
      expect(service.spec?.['selector']).toBeUndefined();
    }
    const ports = services.map((s) => (s.spec?.['ports'] as { port: number }[])[0]!.port).sort();
    expect(ports).toEqual(Object.values(FIXED_BACKEND_PORTS).sort());
  });

  it('routes to every Service on the port that Service publishes', () => {
    const portOf = new Map(
      byKind('Service').map((s) => [s.metadata.name, (s.spec?.['ports'] as { port: number }[])[0]!.port]),
    );
    for (const route of byKind('IngressRouteTCP')) {
      const routes = route.spec?.['routes'] as { services: RouteService[] }[];
      for (const service of routes.flatMap((r) => r.services)) {
        expect(service.namespace ?? route.metadata.namespace, route.metadata.name).toBe('demo');
        expect(service.port, route.metadata.name).toBe(portOf.get(service.name));
      }
    }
  });

  it('passes dialtone lint with no yaml, schema or kubernetes error', () => {
    // The demo is applied with master's CRDs (docker-compose.yml), so it may show peerCertSANs.
    const report = lintDocuments([{ source: 'demo.yaml', text: yamlText }], { traefik: 'master' });
    expect(report.documents.filter((d) => !d.valid)).toEqual([]);
    const admission = report.documents.flatMap((d) =>
      d.diagnostics.filter((x) => x.severity === 'error' && ADMISSION_SOURCES.includes(x.source)),
    );
    expect(admission).toEqual([]);
  });

  it('writes the CA the cluster trusts and the backends’ keys, private to their owner', () => {
    const certs = join(dir, 'certs');
    const configMap = byKind('ConfigMap').find((d) => d.metadata.name === 'demo-ca')!;
    expect(readFileSync(join(certs, 'ca.crt'), 'utf8')).toBe(configMap.data?.['ca.crt']);
    for (const name of ['backend', 'spiffe-backend', 'expired-backend', 'wrong-host-backend']) {
      expect(statSync(join(certs, `${name}.key`)).mode & 0o777, name).toBe(0o600);
      expect(readFileSync(join(certs, `${name}.crt`), 'utf8'), name).toContain('BEGIN CERTIFICATE');
    }
  });

  if (kubectlMissingReason) console.log(`skipped "kubectl apply" of the demo: ${kubectlMissingReason}`);
  it.skipIf(kubectlMissingReason !== undefined)(
    'is accepted by kubectl apply against an empty cluster',
    async () => {
      const cluster = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
      try {
        const file = join(dir, 'demo.yaml');
        writeFileSync(file, yamlText);
        // Asynchronous: the cluster answers kubectl from this same process.
        const kubectl = async (...args: string[]) =>
          (await run(kubectlPath, ['--kubeconfig', cluster.kubeconfigPath, ...args], { encoding: 'utf8' }))
            .stdout;
        await kubectl('apply', '-f', file);
        const services = JSON.parse(await kubectl('get', 'services', '-n', 'demo', '-o', 'json')) as {
          items: Doc[];
        };
        expect(services.items.map((s) => s.spec?.['externalName'])).toEqual(
          Array(services.items.length).fill('demo-backends'),
        );
        expect(
          (await kubectl('get', 'ingressroutetcps', '-A', '-o', 'name')).trim().split('\n'),
        ).toHaveLength(byKind('IngressRouteTCP').length);
      } finally {
        await cluster.close();
      }
    },
    60_000,
  );
});

describe('dialtone demo-manifests', () => {
  it('without --backend-host keeps the embedded demo’s EndpointSlices on loopback', async () => {
    const io = captureIO({ cwd: tmpdir() });
    expect(await main(['demo-manifests'], io)).toBe(0);
    const local = parse(io.out());
    expect(local.filter((d) => d.kind === 'Service').every((s) => s.spec?.['type'] === undefined)).toBe(true);
    const slices = local.filter((d) => d.kind === 'EndpointSlice') as unknown as {
      endpoints: { addresses: string[] }[];
    }[];
    expect(slices).toHaveLength(Object.keys(FIXED_BACKEND_PORTS).length);
    expect(slices.flatMap((s) => s.endpoints.flatMap((e) => e.addresses))).toEqual(
      Array(slices.length).fill('127.0.0.1'),
    );
  });

  it('refuses a backend host that cannot be an externalName', async () => {
    const io = captureIO({ cwd: tmpdir() });
    expect(await main(['demo-manifests', '--backend-host', 'Demo_Backends'], io)).toBe(2);
    expect(io.err()).toContain('--backend-host must be a lowercase DNS name');
    expect(io.out()).toBe('');
  });
});
