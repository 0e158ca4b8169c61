import { join } from 'node:path';
import { upstreamBinary } from './binaries.js';
import { freePort } from './ports.js';
import { startProgram, waitUntilReady, type RunningProgram } from './process.js';

export interface RunningEtcd {
  url: string;
  program: RunningProgram;
}

/** One etcd member on loopback, its data in `dir`; kube-apiserver is its only client. */
export async function startEtcd(dir: string): Promise<RunningEtcd> {
  const clientPort = await freePort();
  const peerPort = await freePort();
  const url = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const program = startProgram(
    upstreamBinary('etcd'),
    [
      '--name=judge',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=judge=${peer}`,
      '--log-level=warn',
      '--unsafe-no-fsync',
    ],
    join(dir, 'etcd.log'),
  );
  await waitUntilReady(program, 'etcd', async () => {
    const res = await fetch(`${url}/health`);
    return res.ok && ((await res.json()) as { health?: string }).health === 'true';
  });
  return { url, program };
}
