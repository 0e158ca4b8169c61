import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connect, createSecureContext } from 'node:tls';
import type { BenchRow } from '../bench/table.js';
import { runProbe, type PlannedTarget } from './engine.js';
import { ProbeLimiter, DEFAULT_PROBE_LIMITS } from './limits.js';
import { loadTlsMaterial } from './material.js';
import { TargetPolicy } from './targetPolicy.js';
import { memoryMaterial, TestCA, tlsServer } from './testing.js';

const SINGLE_RUNS = 200;
const SWEEP = 200;
const CONCURRENCY = 8;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `jobs` with at most `limit` at once. */
async function pool(jobs: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

/**
 * On loopback, in one run: one probe against a bare verified `tls.connect` to the same server, and a
 * sweep of 200 endpoints at concurrency 8 against the same sweep done with bare `tls.connect`, with
 * the event loop's p99 delay during the probe sweep.
 */
export async function probeBench(): Promise<BenchRow[]> {
  const ca = TestCA.create('Bench CA');
  const pair = ca.issue({ commonName: 'bench.internal', dnsNames: ['bench.internal'] });
  const server = await tlsServer({ key: pair.keyPem, cert: pair.certPem });
  try {
    const spec = { tls: { serverName: 'bench.internal', rootCAs: [{ secret: 'ca' }] } };
    const source = memoryMaterial({ secrets: { 'bench/ca': { data: { 'tls.ca': ca.certPem } } } });
    const policy = new TargetPolicy({ allow: ['127.0.0.1'] });
    const limiter = new ProbeLimiter({ ...DEFAULT_PROBE_LIMITS, dialConcurrency: CONCURRENCY });
    const target: PlannedTarget = {
      kind: 'dial',
      target: { address: `127.0.0.1:${server.port}`, tls: true },
      host: '127.0.0.1',
      port: server.port,
      tls: true,
      derived: false,
    };
    const probeOnce = async (targets: PlannedTarget[]) => {
      // Material is read per probe, as the route does; its parsed context comes from the cache.
      const material = await loadTlsMaterial(spec.tls, 'bench', source);
      const response = await runProbe({ namespace: 'bench', spec }, material, targets, { policy, limiter });
      if (response.results.some((r) => r.verdict !== 'pass')) throw new Error('a bench probe failed');
    };
    const context = createSecureContext({ ca: ca.certPem, minVersion: 'TLSv1.2' });
    const bare = () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect({
          host: '127.0.0.1',
          port: server.port,
          servername: 'bench.internal',
          secureContext: context,
        });
        socket.once('secureConnect', () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      });

    for (let i = 0; i < 20; i++) {
      await probeOnce([target]);
      await bare();
    }
    const probeTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) {
      // Interleaved so both see the same machine noise.
      probeTimes.push(await timed(() => probeOnce([target])));
      bareTimes.push(await timed(bare));
    }
    const single = median(probeTimes);
    const singleBare = median(bareTimes);

    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const sweep = await timed(() => probeOnce(Array.from({ length: SWEEP }, () => target)));
    delay.disable();
    const p99 = delay.percentile(99) / 1e6;
    const sweepBare = await timed(() =>
      pool(
        Array.from({ length: SWEEP }, () => bare),
        CONCURRENCY,
      ),
    );

    return [
      {
        name: 'probe: one TLS target vs bare tls.connect (median)',
        figure: `${single.toFixed(2)} ms`,
        baseline: `${singleBare.toFixed(2)} ms`,
        ratio: single / singleBare,
        target: '<= 1.3',
        met: single / singleBare <= 1.3,
      },
      {
        name: `probe: sweep of ${SWEEP} endpoints at concurrency ${CONCURRENCY} vs bare`,
        figure: `${sweep.toFixed(0)} ms`,
        baseline: `${sweepBare.toFixed(0)} ms`,
        ratio: sweep / sweepBare,
        target: '<= 1.5',
        met: sweep / sweepBare <= 1.5,
        details: { eventLoopP99Ms: Number(p99.toFixed(1)) },
      },
      {
        name: 'probe: event loop p99 delay during the sweep',
        figure: `${p99.toFixed(1)} ms`,
        baseline: '50 ms',
        ratio: p99 / 50,
        target: '< 1 (under 50 ms)',
        met: p99 < 50,
      },
    ];
  } finally {
    await server.close();
  }
}
