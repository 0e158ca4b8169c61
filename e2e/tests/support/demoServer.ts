import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// As the server tests choose it: KUBECTL, else the one built with the judges, else PATH's.
const builtKubectl = join(repoRoot, 'e2e/upstream/bin/kubectl');
const kubectlPath = process.env['KUBECTL'] || (existsSync(builtKubectl) ? builtKubectl : 'kubectl');

export interface DemoServer {
  baseURL: string;
  /** Bearer tokens of the demo's users, printed only in `--auth token` mode. */
  tokens: Record<string, string>;
  /** A kubeconfig for the embedded cluster, so a journey can act as kubectl does. */
  kubeconfig: string;
  kubectl(...args: string[]): string;
  /** `kubectl apply -f -` with the manifest on stdin. */
  apply(manifest: string): string;
  stop(): Promise<void>;
}

/**
 * A Dialtone of the journey's own on a fresh demo cluster, for journeys that sign in as the demo's
 * users or change objects with kubectl behind the dashboard's back.
 */
export async function startDemoServer(
  port: number,
  auth: 'local' | 'token',
  extraArgs: string[] = [],
): Promise<DemoServer> {
  const child: ChildProcess = spawn(
    'node',
    ['server/dist/cli/main.js', '--demo', '--auth', auth, '--port', String(port), ...extraArgs],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const ready = await new Promise<{ tokens: Record<string, string>; kubeconfig: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The demo server did not start:\n${output}`)), 30_000);
      child.on('exit', (code) =>
        reject(new Error(`The demo server exited with ${String(code)}:\n${output}`)),
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const kubeconfig = /--kubeconfig (\S+)/.exec(output)?.[1];
        const tokens = Object.fromEntries(
          [...output.matchAll(/^ {2}(admin|editor|viewer): (\S+)$/gm)].map((m) => [m[1]!, m[2]!]),
        );
        if (kubeconfig && (auth === 'local' || tokens['viewer'])) {
          clearTimeout(timer);
          resolve({ tokens, kubeconfig });
        }
      });
    },
  );
  return {
    baseURL: `http://127.0.0.1:${String(port)}`,
    ...ready,
    kubectl: (...args) =>
      execFileSync(kubectlPath, ['--kubeconfig', ready.kubeconfig, ...args], { encoding: 'utf8' }),
    apply: (manifest) =>
      execFileSync(kubectlPath, ['--kubeconfig', ready.kubeconfig, 'apply', '-f', '-'], {
        encoding: 'utf8',
        input: manifest,
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
