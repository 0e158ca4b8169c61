import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClustersResponse, ProbeRequest, ProbeResponse } from '@dialtone/shared';
import { freePort, withFreshPorts } from '../support/ports.js';
import { startProgram, waitUntilReady } from '../support/process.js';

const cli = fileURLToPath(new URL('../../../server/dist/cli/main.js', import.meta.url));

export interface DialtoneServer {
  base: string;
  /** `POST /probe` for the cluster, as the browser would send it. */
  probe(request: ProbeRequest): Promise<ProbeResponse>;
  /** `GET` of a JSON API path below /api/v1. */
  get<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real `dialtone` server, started as a user starts it (local mode, the given kubeconfig), so the
 * verdicts compared with Traefik's are the ones a user would see in the dashboard.
 */
export function startDialtone(
  kubeconfigPath: string,
  logDir: string,
  extraArgs: string[] = [],
): Promise<DialtoneServer> {
  return withFreshPorts(() => startDialtoneOnce(kubeconfigPath, logDir, extraArgs));
}

async function startDialtoneOnce(
  kubeconfigPath: string,
  logDir: string,
  extraArgs: string[],
): Promise<DialtoneServer> {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` before \`npm run test:upstream\`.`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  mkdirSync(logDir, { recursive: true });
  const dir = mkdtempSync(join(logDir, 'dialtone-'));
  const program = startProgram(
    process.execPath,
    [
      cli,
      '--kubeconfig',
      kubeconfigPath,
      '--auth',
      'local',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...extraArgs,
    ],
    join(dir, 'dialtone.log'),
  );
  await waitUntilReady(program, 'dialtone', async () => (await fetch(`${base}/readyz`)).ok, 60_000);
  const sessionRes = await fetch(`${base}/api/v1/session`);
  const cookie = (sessionRes.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = (await sessionRes.json()) as { csrfToken: string };
  const clusters = (await (
    await fetch(`${base}/api/v1/clusters`, { headers: { cookie } })
  ).json()) as ClustersResponse;
  const cluster = clusters.defaultCluster ?? clusters.clusters[0]?.name;
  if (!cluster) throw new Error(`dialtone lists no cluster for ${kubeconfigPath}`);
  const api = `${base}/api/v1/clusters/${encodeURIComponent(cluster)}`;
  return {
    base,
    async probe(request) {
      const send = () =>
        fetch(`${api}/probe`, {
          method: 'POST',
          headers: {
            cookie,
            origin: base,
            'content-type': 'application/json',
            'x-csrf-token': session.csrfToken,
          },
          body: JSON.stringify(request),
        });
      let res = await send();
      // Writes are limited per user and the judge is one busy user: it waits as the answer says.
      for (let attempt = 0; res.status === 429 && attempt < 30; attempt += 1) {
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? '1')));
        res = await send();
      }
      const text = await res.text();
      if (!res.ok) throw new Error(`POST /probe answered ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as ProbeResponse;
    },
    async get<T>(path: string) {
      const res = await fetch(`${api}${path}`, { headers: { cookie } });
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as T;
    },
    close: () => program.stop(),
  };
}
