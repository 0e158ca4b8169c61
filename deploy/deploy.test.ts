import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  resources?: { requests?: unknown; limits?: unknown };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
  };
}
interface K8sObject {
  kind: string;
  metadata: { name: string };
  rules?: Rule[];
  spec?: {
    replicas?: number;
    template?: { spec: { securityContext?: { runAsNonRoot?: boolean }; containers: Container[] } };
  };
}

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const kubectl = hasKubectl();
if (!kubectl) console.log('skipped the kustomize rendering tests: kubectl is not on this machine');

function render(dir: string): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', new URL(dir, import.meta.url).pathname], {
    encoding: 'utf8',
  });
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject);
}

const overlays = { base: './base', token: './overlays/token', proxy: './overlays/proxy' } as const;

describe.skipIf(!kubectl)('deploy/ rendered with kubectl kustomize', () => {
  for (const [name, dir] of Object.entries(overlays)) {
    describe(name, () => {
      const objects = render(dir);
      const deployment = objects.find((o) => o.kind === 'Deployment')!;
      const pod = deployment.spec!.template!.spec;

      it('runs two hardened replicas with probes and resources', () => {
        expect(deployment.spec!.replicas).toBe(2);
        expect(pod.securityContext?.runAsNonRoot).toBe(true);
        for (const c of pod.containers) {
          expect(c.readinessProbe, `${c.name} readiness`).toBeDefined();
          expect(c.securityContext?.allowPrivilegeEscalation, c.name).toBe(false);
          expect(c.securityContext?.readOnlyRootFilesystem, c.name).toBe(true);
          expect(c.resources?.requests, `${c.name} requests`).toBeDefined();
          expect(c.resources?.limits, `${c.name} limits`).toBeDefined();
          expect(c.image, c.name).toMatch(/:[\w.-]+$/);
          expect(c.image, c.name).not.toMatch(/:latest$/);
        }
        expect(pod.containers.find((c) => c.name === 'dialtone')!.livenessProbe).toBeDefined();
      });

      it('gives the ServiceAccount least privilege and never Secrets', () => {
        const rules = objects
          .filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')
          .flatMap((o) => o.rules ?? []);
        for (const rule of rules) {
          expect(rule.resources, JSON.stringify(rule)).not.toContain('secrets');
          expect(rule.resources).not.toContain('*');
          expect(rule.verbs).not.toContain('*');
          const impersonates = rule.verbs!.includes('impersonate');
          if (impersonates) {
            expect(name).toBe('proxy');
            expect([...rule.resources!].sort()).toEqual(['groups', 'users']);
            expect(rule.verbs).toEqual(['impersonate']);
          } else {
            expect(
              rule.verbs!.every((v) => ['get', 'list', 'watch'].includes(v)),
              JSON.stringify(rule),
            ).toBe(true);
          }
        }
        const watched = rules.flatMap((r) => r.resources ?? []);
        for (const resource of [
          'serverstransporttcps',
          'ingressroutetcps',
          'services',
          'endpointslices',
          'customresourcedefinitions',
        ]) {
          expect(watched).toContain(resource);
        }
      });

      it('never serves users with its own rights', () => {
        const args = pod.containers.find((c) => c.name === 'dialtone')!.args!;
        const auth = args[args.indexOf('--auth') + 1];
        expect(auth).toBe(name === 'proxy' ? 'proxy' : 'token');
        if (name === 'proxy') {
          expect(args[args.indexOf('--trusted-proxy') + 1]).toBe('127.0.0.1/32');
          expect(args[args.indexOf('--host') + 1]).toBe('127.0.0.1');
        }
      });
    });
  }
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
  const ignore = readFileSync(new URL('../.dockerignore', import.meta.url), 'utf8');

  it('builds in stages onto a Node 24 runtime with production dependencies only', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\w+))?/gm)].map((m) => [m[1], m[2]]);
    expect(stages).toEqual([
      ['node:24-bookworm-slim', 'build'],
      ['node:24-bookworm-slim', 'runtime'],
    ]);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/COPY (shared|server|client) (shared|server|client)\b/);
  });

  it('runs as a non-root user with a health check on /healthz', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
  });

  it('keeps dependencies and build output out of the build context', () => {
    for (const entry of ['**/node_modules', '**/dist', '.git']) expect(ignore.split('\n')).toContain(entry);
  });
});
