import { mkdirSync } from 'node:fs';
import { stringifyObjects, type LintReport, type LintTraefikInstance } from '@dialtone/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../../server/src/cli/capturedIO.js';
import { main } from '../../../server/src/cli/main.js';
import type { LocalCluster } from '../../../server/src/localcluster/index.js';
import type { RunningTraefik } from '../traefik/traefikProcess.js';
import { startViewScenario, VIEW_OBJECTS } from '../traefik/viewScenario.js';

const LOG_DIR = '.reports/judges/lint-traefik';

/** The manifests Traefik loaded, linted as a CI pipeline would, beside that Traefik's API. */
const INPUT = stringifyObjects([...VIEW_OBJECTS.transports, ...VIEW_OBJECTS.routes]);

async function lint(args: string[]) {
  const io = captureIO({ stdin: INPUT });
  const code = await main(['lint', ...args, '-'], io);
  return { code, out: io.out(), err: io.err() };
}

describe('dialtone lint --traefik-api against Traefik v3.7.9 on the embedded cluster', () => {
  let local: LocalCluster;
  let traefik: RunningTraefik;

  beforeAll(async () => {
    mkdirSync(LOG_DIR, { recursive: true });
    ({ local, traefik } = await startViewScenario(LOG_DIR));
  }, 180_000);

  afterAll(async () => {
    await traefik?.close();
    await local?.close();
  });

  it("reports Traefik's own statuses for the input's objects, as its API lists them", async () => {
    const { code, out } = await lint(['--format', 'json', '--traefik-api', traefik.apiUrl]);
    expect(code).toBe(1);
    const report = JSON.parse(out) as LintReport & { traefik: LintTraefikInstance[] };
    const [instance] = report.traefik;
    expect(instance).toMatchObject({ state: 'ok', version: '3.7.9' });
    const verdicts = Object.fromEntries(
      (instance?.objects ?? []).map((o) => [`${o.kind} ${o.namespace}/${o.name}`, o.verdict]),
    );
    expect(verdicts).toEqual({
      'ServersTransportTCP demo/good': 'loaded',
      'ServersTransportTCP demo/broken': 'in-error',
      'ServersTransportTCP demo/shared': 'loaded',
      'IngressRouteTCP demo/route-good': 'loaded',
      'IngressRouteTCP demo/route-broken': 'in-error',
      'IngressRouteTCP edge/route-cross': 'loaded',
    });
    // The router lint names for the route is the one Traefik made, with Traefik's own error.
    const fromTraefik = (await traefik.routers()).find((r) => r.entryPoints?.includes('ep2'));
    const broken = instance?.objects.find((o) => o.name === 'route-broken');
    expect(broken?.routers).toEqual([
      expect.objectContaining({
        name: fromTraefik?.name,
        status: 'disabled',
        errors: ['unknown proxyProtocol version: 0'],
      }),
    ]);
    // Lint predicted that refusal, so only the cross-namespace route disagrees.
    expect(instance?.objects.filter((o) => o.disagreement).map((o) => o.name)).toEqual(['route-cross']);
  });

  it('says plainly where Traefik runs with allowCrossNamespace and lint assumed it off', async () => {
    const { out } = await lint(['--traefik-api', traefik.apiUrl]);
    expect(out).toMatch(
      /warning traefik-api\.disagreement Traefik 3\.7\.9 at http:\/\/127\.0\.0\.1:\d+: Traefik reports it loaded by 1 router without errors; lint predicted: /,
    );
    expect(out).toMatch(/error traefik-api\.router-error .* disabled: unknown proxyProtocol version: 0\./);
    const told = await lint(['--allow-cross-namespace', '--traefik-api', traefik.apiUrl]);
    expect(told.out).not.toContain('traefik-api.disagreement');
  });
});
