import { apiPaths, type ClustersResponse, type TransportEvent } from '@dialtone/shared';
import { captureIO } from '../../server/src/cli/capturedIO.js';
import { runServeCommand } from '../../server/src/cli/serve.js';
import { Arrivals } from './arrivals.js';
import { Client } from './client.js';
import { createTransport } from './clusters.js';

/** `dialtone serve --kubeconfig …` in this process, as a user starts it: every router, the security one included. */
export interface RunningDialtone {
  client: Client;
  cluster: string;
  /** GET /transports with its JSON parsed; the number of transports listed. */
  list(): Promise<number>;
  close(): Promise<void>;
}

export async function startDialtone(kubeconfigPath: string): Promise<RunningDialtone> {
  const io = captureIO();
  const stop = new AbortController();
  const running = runServeCommand(['--port', '0', '--kubeconfig', kubeconfigPath], io, stop.signal);
  const serving = await Promise.race([
    io.waitForOutput(/Dialtone is serving on (http:\/\/[\d.:]+)/),
    running.then((code) => {
      throw new Error(`dialtone serve exited with ${code}: ${io.err() || io.out()}`);
    }),
  ]);
  const client = new Client({ url: serving[1]! });
  const close = async () => {
    client.close();
    stop.abort();
    await running;
  };
  try {
    const { clusters } = await client.json<ClustersResponse>(apiPaths.clusters());
    const cluster = clusters[0]!.name;
    return {
      client,
      cluster,
      async list() {
        return (await client.json<{ items: unknown[] }>(apiPaths.transports(cluster))).items.length;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Create-to-event latency through Dialtone's SSE stream: from just before each create is sent to the
 * API server until Dialtone's event for it arrives; with each create's own round trip.
 */
export async function sseLatencies(
  dialtone: RunningDialtone,
  cluster: Client,
  changes: number,
  prefix: string,
) {
  const stream = await dialtone.client.open('GET', apiPaths.transportEvents(dialtone.cluster));
  const arrivals = new Arrivals();
  let buffer = '';
  const pump = (async () => {
    for await (const chunk of stream) {
      buffer += (chunk as Buffer).toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        const event = data ? (JSON.parse(data) as TransportEvent) : undefined;
        if (event?.type === 'ADDED') arrivals.record(event.summary.name);
        else arrivals.poke();
      }
    }
  })();
  try {
    return await arrivals.timeCreates(changes, prefix, (name) => createTransport(cluster, name));
  } finally {
    stream.destroy();
    await pump.catch(() => undefined);
  }
}
