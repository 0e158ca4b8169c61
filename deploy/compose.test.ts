import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../server/src/cli/main.js';
import { demoManifests, FIXED_BACKEND_PORTS } from '../server/src/localcluster/index.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[] | string;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const root = new URL('../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as Compose;
const text = (s: Service) => [s.command, s.entrypoint].flat().filter(Boolean).join(' ');
/** The value after `flag` in a service's command line. */
const flagValue = (s: Service, flag: string) =>
  new RegExp(`${flag}[ =](\\S+)`).exec(text(s).replace(/\s+/g, ' '))?.[1];

async function help(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), cwd: process.cwd() };
  expect(await main(args, io)).toBe(0);
  return out;
}

describe('docker-compose.yml', () => {
  it('has k3s, a setup job, Traefik, the demo backends and Dialtone', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['demo-backends', 'demo-manifests', 'dialtone', 'k3s', 'kubeconfig', 'setup', 'traefik'].sort(),
    );
  });

  it('pins every image by tag', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.image, name).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(service.image, name).not.toMatch(/:latest$/);
    }
  });

  it('declares every named volume it mounts and mounts repository paths that exist', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./'))
          expect(existsSync(new URL(source, root)), `${name}: ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${name}: ${source}`).toContain(source);
      }
    }
  });

  it('shares the kubeconfig k3s writes, rewritten for the other containers, with setup and Dialtone', () => {
    expect(text(compose.services['k3s']!)).toContain('--write-kubeconfig=/output/kubeconfig.yaml');
    expect(text(compose.services['kubeconfig']!)).toContain('> /shared/kubeconfig.yaml');
    expect(compose.services['setup']!.environment!['KUBECONFIG']).toBe('/shared/kubeconfig.yaml');
    const dialtone = compose.services['dialtone']!;
    const args = dialtone.command as string[];
    expect(args[args.indexOf('--kubeconfig') + 1]).toBe('/shared/kubeconfig.yaml');
    expect(dialtone.volumes).toContain('shared:/shared:ro');
  });

  it('applies Traefik’s CRDs and the demo objects printed by dialtone demo-manifests', () => {
    expect(text(compose.services['demo-manifests']!)).toContain('dialtone.js demo-manifests');
    const setup = text(compose.services['setup']!);
    expect(setup).toContain('kubectl apply -f /crds');
    expect(setup).toContain('kubectl apply -f /shared/demo.yaml');
    expect(compose.services['setup']!.volumes).toContain('./shared/crds:/crds:ro');
  });

  it('lets the demo backends present the certificates demo-manifests writes to the shared volume', () => {
    const manifests = compose.services['demo-manifests']!;
    const backends = compose.services['demo-backends']!;
    const certsOut = flagValue(manifests, '--certs-out');
    expect(certsOut).toMatch(/^\/shared\//);
    expect(flagValue(backends, '--certs')).toBe(certsOut);
    expect(manifests.volumes).toContain('shared:/shared');
    expect(backends.volumes).toContain('shared:/shared:ro');
    expect(backends.depends_on!['demo-manifests']).toEqual({ condition: 'service_completed_successfully' });
  });

  it('points the demo Services at the demo-backends service, which listens on every fixed port', () => {
    expect(flagValue(compose.services['demo-manifests']!, '--backend-host')).toBe('demo-backends');
    const backends = compose.services['demo-backends']!;
    expect(flagValue(backends, '--host')).toBe('0.0.0.0');
    const [first, last] = backends.expose![0]!.split('-').map(Number);
    for (const port of Object.values(FIXED_BACKEND_PORTS)) {
      expect(port).toBeGreaterThanOrEqual(first!);
      expect(port).toBeLessThanOrEqual(last!);
    }
  });

  it('opens the shared volume to its non-root writers before any of them runs', () => {
    expect(text(compose.services['kubeconfig']!)).toMatch(/^sh -c chmod 1777 \/shared &&/);
    for (const name of ['demo-manifests', 'setup'])
      expect(compose.services[name]!.depends_on!['kubeconfig'], name).toEqual({
        condition: 'service_completed_successfully',
      });
  });

  it('gives Traefik the entry point the demo routes use and lets it dial ExternalName Services', () => {
    const traefik = text(compose.services['traefik']!);
    expect(traefik).toContain('--providers.kubernetescrd.allowExternalNameServices=true');
    const routes = demoManifests({ backendHost: 'demo-backends' }).filter(
      (m) => m.kind === 'IngressRouteTCP',
    );
    const entryPoints = new Set(routes.flatMap((r) => (r['spec'] as { entryPoints: string[] }).entryPoints));
    for (const entryPoint of entryPoints) expect(traefik).toContain(`--entrypoints.${entryPoint}.address=`);
  });

  it('documents both demo commands in dialtone help', async () => {
    for (const args of [['help'], ['--help']]) {
      const out = await help(args);
      expect(out).toContain('dialtone demo-manifests');
      expect(out).toContain('dialtone demo-backends');
    }
    expect(await help(['help', 'demo-manifests'])).toContain('--backend-host HOST');
    expect(await help(['help', 'demo-backends'])).toContain('--certs DIR');
  });

  it('runs Traefik with the kubernetescrd provider against k3s', () => {
    const traefik = text(compose.services['traefik']!);
    expect(traefik).toContain('--providers.kubernetescrd.endpoint=https://k3s:6443');
    expect(compose.services['traefik']!.image).toMatch(/^traefik:v3\./);
  });

  it('starts services in order and health-checks the long-running ones', () => {
    expect(compose.services['kubeconfig']!.depends_on).toEqual({ k3s: { condition: 'service_healthy' } });
    expect(compose.services['dialtone']!.depends_on!['setup']).toEqual({
      condition: 'service_completed_successfully',
    });
    for (const name of ['k3s', 'traefik', 'dialtone', 'demo-backends'])
      expect(compose.services[name]!.healthcheck, name).toBeDefined();
    expect(compose.services['dialtone']!.healthcheck!.test.join(' ')).toContain('/healthz');
  });

  it('publishes ports on loopback only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
  });

  const hasCompose = (() => {
    try {
      execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it('is accepted by docker-compose config', (context) => {
    if (!hasCompose) context.skip('the docker-compose program is not on this machine');
    execFileSync('docker-compose', ['-f', new URL('docker-compose.yml', root).pathname, 'config', '--quiet']);
  });
});
