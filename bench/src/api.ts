import { Client } from './client.js';
import { TRANSPORTS, type RunningCluster } from './clusters.js';
import { sseLatencies, startDialtone } from './dialtone.js';
import { count, type Scale } from './scale.js';
import { interleaved, ms, percentile } from './stats.js';
import { ratioRow, reportedRow, type BenchRow } from './table.js';

/** An unpaged list straight from the API server, parsed: the fastest direct read a client can make. */
export function directList(client: Client): () => Promise<number> {
  return async () => (await client.json<{ items: unknown[] }>(TRANSPORTS)).items.length;
}

/** A paged list as kubectl makes it (pages of 500), every page read and parsed. */
function pagedList(client: Client): () => Promise<number> {
  return async () => {
    let next = '';
    let listed = 0;
    do {
      const query = next ? `&continue=${encodeURIComponent(next)}` : '';
      const page = await client.json<{ items: unknown[]; metadata: { continue?: string } }>(
        `${TRANSPORTS}?limit=500${query}`,
      );
      listed += page.items.length;
      next = page.metadata.continue ?? '';
    } while (next);
    return listed;
  };
}

/**
 * Dialtone's `GET /transports` over the embedded cluster (already filled) against the fastest direct
 * read of the same server, an unpaged list (the target, ≤ 0.5, applies there), and against the paged
 * list kubectl makes; and the time from a create to its event on Dialtone's stream.
 */
export async function transportsApiBench(cluster: RunningCluster, scale: Scale): Promise<BenchRow[]> {
  const direct = new Client(cluster.endpoint);
  const dialtone = await startDialtone(cluster.kubeconfigPath);
  try {
    const expected = await directList(direct)();
    // The cache follows a watch; the first lists may still be filling it.
    for (let i = 0; i < 200 && (await dialtone.list()) !== expected; i++)
      await new Promise((r) => setTimeout(r, 50));
    if ((await dialtone.list()) !== expected || (await pagedList(direct)()) !== expected) {
      throw new Error(`Dialtone and the direct lists do not all hold the ${expected} transports`);
    }
    const { medians } = await interleaved(scale.rounds, {
      dialtone: dialtone.list,
      unpaged: directList(direct),
      paged: pagedList(direct),
    });
    const { latencies, writes } = await sseLatencies(dialtone, direct, scale.changes, 'sse');
    const n = count(expected);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const writeP50 = percentile(writes, 50);
    return [
      ratioRow({
        name: `GET /transports, ${n} objects (median)`,
        figure: ms(medians.dialtone),
        against: `unpaged list from the API server ${ms(medians.unpaged)}`,
        ratio: medians.dialtone / medians.unpaged,
        max: 0.5,
        details: { dialtoneMs: medians.dialtone, unpagedMs: medians.unpaged },
      }),
      reportedRow({
        name: `GET /transports, ${n} objects, against kubectl's paged list (median)`,
        figure: ms(medians.dialtone),
        against: `paged list (limit=500) from the API server ${ms(medians.paged)}`,
        ratio: medians.dialtone / medians.paged,
        details: { dialtoneMs: medians.dialtone, pagedMs: medians.paged },
      }),
      reportedRow({
        name: 'create through the API server to its SSE event',
        figure: `p50 ${ms(p50)}, p95 ${ms(p95)}`,
        against: `the create's own round trip p50 ${ms(writeP50)}`,
        ratio: p50 / writeP50,
        details: { p50, p95, writeP50, changes: scale.changes },
      }),
    ];
  } finally {
    direct.close();
    await dialtone.close();
  }
}
