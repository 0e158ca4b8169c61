// `npm run demo:traefik`: the real Traefik beside `dialtone --demo`. See DEMO_USAGE.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upstreamBinary } from '../support/binaries.js';
import { freePort } from '../support/ports.js';
import { startProgram, waitUntilReady, type RunningProgram } from '../support/process.js';
import {
  clusterAccess,
  DEMO_USAGE,
  demoTraefikArgs,
  entryPointNames,
  kubeconfigFromOutput,
  parseDemoArgs,
  traefikApiFlag,
  type ClusterAccess,
  type DemoOptions,
} from './plan.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const traefikBin = join(root, 'e2e/upstream/bin/traefik');
const dialtoneMain = join(root, 'server/dist/cli/main.js');

class DemoError extends Error {}
class UsageError extends Error {}

/** Traefik from e2e/upstream/bin, built from its Go module first when Go is there. */
function ensureTraefik(): string {
  if (existsSync(traefikBin)) return upstreamBinary('traefik');
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    throw new DemoError(
      'Traefik has not been built and Go is not installed: install Go 1.26 or newer and run this again ' +
        '(it runs npm run upstream:build for Traefik alone), or run Traefik v3.7 yourself as the README shows.',
    );
  }
  process.stdout.write('Building Traefik v3.7.9 from its Go module (once; minutes on a small machine)...\n');
  const built = spawnSync('bash', [join(root, 'e2e/upstream/build.sh'), 'traefik'], { stdio: 'inherit' });
  if (built.status !== 0) throw new DemoError('building Traefik failed; the output above says why.');
  return upstreamBinary('traefik');
}

/** `dialtone --demo` with Traefik's API flag; resolves with its kubeconfig once it says where it is. */
async function startDialtone(
  options: DemoOptions,
  apiPort: number,
): Promise<{ child: ChildProcess; kubeconfig: string }> {
  if (!existsSync(dialtoneMain)) {
    throw new DemoError('Dialtone is not built: run npm run build first (npm start does it too).');
  }
  const args = [dialtoneMain, '--demo', '--port', String(options.port), ...traefikApiFlag(apiPort)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
      const kubeconfig = kubeconfigFromOutput(output);
      if (kubeconfig) resolve({ child, kubeconfig });
    });
    child.once('exit', (code) =>
      reject(new DemoError(`dialtone --demo exited with code ${code} before its cluster was up; see above.`)),
    );
  });
}

/** Every IngressRouteTCP of the cluster, to open the entry points they name. */
function listRoutes(access: ClusterAccess): Promise<unknown[]> {
  const url = new URL('/apis/traefik.io/v1alpha1/ingressroutetcps', access.server);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca: access.caPem, headers: { authorization: `Bearer ${access.token}` }, timeout: 10_000 },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(
              new DemoError(`listing IngressRouteTCPs answered ${res.statusCode}: ${body.slice(0, 300)}`),
            );
            return;
          }
          resolve((JSON.parse(body) as { items?: unknown[] }).items ?? []);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', (error) =>
      reject(
        new DemoError(
          `cannot reach the demo cluster at ${access.server}: ${error.message}; is the demo running?`,
        ),
      ),
    );
    req.end();
  });
}

async function startTraefik(access: ClusterAccess, apiPort: number): Promise<RunningProgram> {
  const binary = ensureTraefik();
  const names = entryPointNames(await listRoutes(access));
  const ports = new Map<string, number>();
  for (const name of names) ports.set(name, await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-demo-traefik-'));
  const caPath = join(dir, 'ca.crt');
  writeFileSync(caPath, access.caPem);
  const program = startProgram(
    binary,
    demoTraefikArgs(access, caPath, apiPort, ports),
    join(dir, 'traefik.log'),
  );
  const api = `http://127.0.0.1:${apiPort}`;
  try {
    await waitUntilReady(program, 'traefik', async () => (await fetch(`${api}/api/version`)).ok, 60_000);
  } catch (error) {
    await program.stop();
    const taken = /address already in use/.test((error as Error).message);
    throw new DemoError(
      taken
        ? `port ${apiPort} or an entry point's port is taken: choose another with --api-port N`
        : (error as Error).message,
    );
  }
  process.stdout.write(
    `Traefik v3.7.9 is running against ${access.server}, log in ${program.logPath}\n` +
      `  its API and dashboard: ${api}/dashboard/\n` +
      [...ports].map(([name, p]) => `  entry point ${name}: 127.0.0.1:${p}\n`).join(''),
  );
  return program;
}

async function run(): Promise<void> {
  let options: DemoOptions;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const apiPort = options.apiPort ?? (await freePort());
  let dialtone: ChildProcess | undefined;
  let kubeconfig = options.kubeconfig;
  if (kubeconfig === undefined) ({ child: dialtone, kubeconfig } = await startDialtone(options, apiPort));
  else if (!existsSync(kubeconfig)) {
    throw new DemoError(
      `no kubeconfig at ${kubeconfig}: start dialtone --demo and give the path it prints after "kubectl --kubeconfig"`,
    );
  }
  const stopDialtone = () => dialtone?.kill('SIGTERM');
  let traefik: RunningProgram;
  try {
    traefik = await startTraefik(clusterAccess(readFileSync(kubeconfig, 'utf8')), apiPort);
  } catch (error) {
    stopDialtone();
    throw error;
  }
  process.stdout.write(
    dialtone
      ? `The dashboard reads this Traefik: open the demo's transports for its column and each one's section.\n`
      : `Start the dashboard with ${traefikApiFlag(apiPort).join(' ')} to show its view; a dashboard reads only the Traefik instances it was started with.\n`,
  );
  process.stdout.write('Ctrl-C stops Traefik' + (dialtone ? ' and the dashboard.\n' : '.\n'));
  let stopping = false;
  const stop = async () => {
    stopping = true;
    stopDialtone();
    await traefik.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  traefik.child.once('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`Traefik exited with code ${code}; its log: ${traefik.logPath}\n`);
    stopDialtone();
    process.exit(1);
  });
}

run().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const usage = error instanceof UsageError ? `\n${DEMO_USAGE}` : '';
  process.stderr.write(`demo:traefik: ${message}${usage}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
