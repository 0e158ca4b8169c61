import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { TestCA } from '../../../server/src/probe/testing.js';
import { Kubectl } from '../conformance/kubectl.js';
import { upstreamBinary } from './binaries.js';
import { startEtcd } from './etcd.js';
import { freePort, withFreshPorts } from './ports.js';
import { startProgram, waitUntilReady } from './process.js';
import { rbacManifests, rbacNamespaces } from './rbac.js';
import { traefikCrdsYaml } from './traefikModule.js';

export type Role = 'admin' | 'editor' | 'viewer';
export const ROLES: Role[] = ['admin', 'editor', 'viewer'];

export interface RunningKubeApiserver {
  url: string;
  /** A kubeconfig with one context per identity (`judge-admin`, …), the admin's current. */
  kubeconfigPath: string;
  kubeconfigYaml: string;
  contextFor(role: Role): string;
  tokens: Record<Role, string>;
  caPem: string;
  /** The kubectl built from the same Kubernetes release. */
  kubectl: string;
  /** Runs the built kubectl as the admin; resolves with its exit code and output. */
  runKubectl(args: string[], input?: string): Promise<{ rc: number | null; out: string; err: string }>;
  close(): Promise<void>;
}

/**
 * etcd and kube-apiserver on loopback, configured as envtest does for controllers' tests: HTTPS with a
 * generated CA, static bearer tokens for admin (system:masters), editor and viewer, RBAC that gives the
 * latter two the embedded cluster's rights, and all of Traefik's CRDs installed and established.
 */
export function startKubeApiserver(): Promise<RunningKubeApiserver> {
  return withFreshPorts(startKubeApiserverOnce);
}

async function startKubeApiserverOnce(): Promise<RunningKubeApiserver> {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-kube-apiserver-'));
  const etcd = await startEtcd(dir);
  try {
    const ca = TestCA.create('dialtone judge CA');
    const serving = ca.issue({
      commonName: 'kube-apiserver',
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
    });
    writeFileSync(join(dir, 'ca.crt'), ca.certPem);
    writeFileSync(join(dir, 'serving.crt'), serving.certPem);
    writeFileSync(join(dir, 'serving.key'), serving.keyPem, { mode: 0o600 });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    const tokens = Object.fromEntries(
      ROLES.map((role) => [role, `${role}.${randomBytes(24).toString('base64url')}`]),
    ) as Record<Role, string>;
    writeFileSync(
      join(dir, 'tokens.csv'),
      `${tokens.admin},admin,admin,"system:masters"\n${tokens.editor},editor,editor\n${tokens.viewer},viewer,viewer\n`,
      { mode: 0o600 },
    );

    const port = await freePort();
    const url = `https://127.0.0.1:${port}`;
    const program = startProgram(
      upstreamBinary('kube-apiserver'),
      [
        `--etcd-servers=${etcd.url}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${port}`,
        `--cert-dir=${dir}`,
        `--tls-cert-file=${join(dir, 'serving.crt')}`,
        `--tls-private-key-file=${join(dir, 'serving.key')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=RBAC',
        '--service-cluster-ip-range=10.0.0.0/24',
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${join(dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        // No controller manager runs, so nothing would ever create the tokens this plugin waits for.
        '--disable-admission-plugins=ServiceAccount',
        '--endpoint-reconciler-type=none',
        '--allow-privileged=true',
      ],
      join(dir, 'kube-apiserver.log'),
    );
    const caPem = ca.certPem;
    const ready = async () => {
      const res = await httpsGet(`${url}/readyz`, caPem, tokens.admin);
      return res.status === 200;
    };
    await waitUntilReady(program, 'kube-apiserver', ready, 120_000);

    const kubeconfigYaml = kubeconfig(url, caPem, tokens);
    const kubeconfigPath = join(dir, 'kubeconfig.yaml');
    writeFileSync(kubeconfigPath, kubeconfigYaml, { mode: 0o600 });
    const kubectl = upstreamBinary('kubectl');
    const kubectlRunner = new Kubectl(kubectl, kubeconfigPath, join(dir, 'home'));
    const runKubectl = async (args: string[], input?: string) => {
      const { exitCode, stdout, stderr } = await kubectlRunner.run(args, {
        input: input ?? '',
        timeoutMs: 60_000,
      });
      return { rc: exitCode, out: stdout, err: stderr };
    };

    const setup = [
      ...rbacNamespaces().map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
      ...rbacManifests(),
    ];
    const applied = await runKubectl(['apply', '-f', '-'], setup.map((o) => stringify(o)).join('---\n'));
    if (applied.rc !== 0) throw new Error(`kubectl could not apply the RBAC objects: ${applied.err}`);
    const crds = await runKubectl(['apply', '--server-side', '-f', '-'], traefikCrdsYaml());
    if (crds.rc !== 0) throw new Error(`kubectl could not install Traefik's CRDs: ${crds.err}`);
    const established = await runKubectl([
      'wait',
      '--for=condition=Established',
      'crd',
      '--all',
      '--timeout=60s',
    ]);
    if (established.rc !== 0) throw new Error(`Traefik's CRDs were not established: ${established.err}`);

    return {
      url,
      kubeconfigPath,
      kubeconfigYaml,
      contextFor: (role) => `judge-${role}`,
      tokens,
      caPem,
      kubectl,
      runKubectl,
      async close() {
        await program.stop();
        await etcd.program.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await etcd.program.stop();
    throw error;
  }
}

function kubeconfig(url: string, caPem: string, tokens: Record<Role, string>): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'judge',
        cluster: { server: url, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: ROLES.map((role) => ({ name: `judge-${role}`, user: { token: tokens[role] } })),
    contexts: ROLES.map((role) => ({
      name: `judge-${role}`,
      context: { cluster: 'judge', user: `judge-${role}`, namespace: 'default' },
    })),
    'current-context': 'judge-admin',
  });
}

/** One GET with the judge's CA, for readiness before any client is configured. */
async function httpsGet(
  url: string,
  caPem: string,
  token: string,
): Promise<{ status: number; body: string }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca: caPem, headers: { Authorization: `Bearer ${token}` }, timeout: 5000 },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
