import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connect, createSecureContext } from 'node:tls';
import {
  DEFAULT_PROBE_LIMITS,
  loadTlsMaterial,
  ProbeLimiter,
  runProbe,
  TargetPolicy,
  type PlannedTarget,
} from '../../server/src/probe/index.js';
import { memoryMaterial, TestCA, tlsServer } from '../../server/src/probe/testing.js';
import type { Scale } from './scale.js';
import { interleaved, ms } from './stats.js';
import { budgetRow, notRunRow, ratioRow, reportedRow, versus, type BenchRow } from './table.js';

const CONCURRENCY = 8;
const EVENT_LOOP_BUDGET_MS = 50;

/** Runs `jobs` with at most `limit` at once. */
async function pool(jobs: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

/** `openssl s_client` as people run it by hand: verify the chain and the name, then hang up. */
function opensslOnce(port: number, caFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'openssl',
      [
        's_client',
        '-connect',
        `127.0.0.1:${port}`,
        '-servername',
        'bench.internal',
        '-verify_hostname',
        'bench.internal',
        '-CAfile',
        caFile,
        '-verify_return_error',
        '-brief',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`openssl s_client exited with ${code}: ${err.trim()}`)),
    );
  });
}

/**
 * On loopback, in one run: one probe against a bare verified `tls.connect` to the same server and
 * against `openssl s_client`; a sweep of endpoints at concurrency 8 against the same sweep done with
 * bare `tls.connect`, interleaved over several rounds; and the event loop's p99 delay during the
 * probe sweeps, held to a budget.
 */
export async function probeBench(scale: Scale): Promise<BenchRow[]> {
  const ca = TestCA.create('Bench CA');
  const pair = ca.issue({ commonName: 'bench.internal', dnsNames: ['bench.internal'] });
  const server = await tlsServer({ key: pair.keyPem, cert: pair.certPem });
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-bench-'));
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

    const singleRounds = scale.quick ? 20 : 200;
    const single = await interleaved(singleRounds, { probe: () => probeOnce([target]), bare });

    const many = Array.from({ length: scale.sweep }, () => target);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const sweep = await interleaved(Math.max(5, scale.rounds), {
      probe: async () => {
        delay.enable();
        try {
          await probeOnce(many);
        } finally {
          delay.disable();
        }
      },
      bare: () =>
        pool(
          many.map(() => bare),
          CONCURRENCY,
        ),
    });
    const p99 = delay.percentile(99) / 1e6;

    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, ca.certPem);
    let openssl: BenchRow;
    try {
      const vsOpenssl = await interleaved(scale.quick ? 3 : 21, {
        probe: () => probeOnce([target]),
        openssl: () => opensslOnce(server.port, caFile),
      });
      const ratio = vsOpenssl.medians.probe / vsOpenssl.medians.openssl;
      openssl = reportedRow({
        name: 'probe: one TLS target vs openssl s_client (median)',
        figure: ms(vsOpenssl.medians.probe, 2),
        against: `openssl s_client ${ms(vsOpenssl.medians.openssl, 2)} (${versus(ratio, 'openssl')})`,
        ratio,
      });
    } catch (error) {
      openssl = notRunRow(
        'probe: one TLS target vs openssl s_client (median)',
        `openssl s_client could not run: ${(error as Error).message}`,
      );
    }

    return [
      ratioRow({
        name: 'probe: one TLS target vs bare tls.connect (median)',
        figure: ms(single.medians.probe, 2),
        against: `bare tls.connect ${ms(single.medians.bare, 2)}`,
        ratio: single.medians.probe / single.medians.bare,
        max: 1.3,
      }),
      openssl,
      ratioRow({
        name: `probe: sweep of ${scale.sweep} endpoints at concurrency ${CONCURRENCY} (median of ${Math.max(5, scale.rounds)} rounds)`,
        figure: ms(sweep.medians.probe, 0),
        against: `bare tls.connect sweep ${ms(sweep.medians.bare, 0)}`,
        ratio: sweep.medians.probe / sweep.medians.bare,
        max: 1.5,
        details: { probeSamples: sweep.samples.probe.join(', '), bareSamples: sweep.samples.bare.join(', ') },
      }),
      budgetRow({
        name: 'probe: event loop p99 delay during the sweeps',
        figure: ms(p99),
        value: p99,
        budget: EVENT_LOOP_BUDGET_MS,
        unit: 'ms',
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}
