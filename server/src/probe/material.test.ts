import { beforeAll, describe, expect, it } from 'vitest';
import { buildDialPlan } from './buildChecks.js';
import { runProbe } from './engine.js';
import { loadTlsMaterial, MaterialForbiddenError } from './material.js';
import { TargetPolicy } from './targetPolicy.js';
import { memoryMaterial, TestCA, type Issued } from './testing.js';
import { prepareTls } from './tlsMaterial.js';

let ca: TestCA;
let other: TestCA;
let client: Issued;

beforeAll(() => {
  ca = TestCA.create('Material CA');
  other = TestCA.create('Other CA');
  client = ca.issue({ commonName: 'client', client: true });
});

describe("loading TLS material in Traefik's order", () => {
  it('reads rootCAsSecrets before rootCAs, with tls.ca, ca.crt and the single-key fallback for Secrets', async () => {
    const source = memoryMaterial({
      secrets: {
        'demo/legacy': { data: { 'ca.pem': ca.certPem } },
        'demo/both': { data: { 'tls.ca': ca.certPem, 'ca.crt': other.certPem } },
        'demo/crt': { data: { 'ca.crt': other.certPem, other: 'x' } },
      },
      configMaps: { 'demo/bundle': { data: { 'ca.crt': ca.certPem } } },
    });
    const loaded = await loadTlsMaterial(
      {
        rootCAsSecrets: ['legacy'],
        rootCAs: [{ configMap: 'bundle' }, { secret: 'both' }, { secret: 'crt' }],
      },
      'demo',
      source,
    );
    expect(loaded.cas.map((c) => c.from)).toEqual([
      'secret "legacy"',
      'configMap "bundle"',
      'secret "both"',
      'secret "crt"',
    ]);
    expect(loaded.cas[2]!.pem).toBe(ca.certPem);
    expect(loaded.cas[3]!.pem).toBe(other.certPem);
    expect(loaded.warnings).toEqual([
      'RootCAsSecrets option is deprecated, please use the RootCA option instead.',
    ]);
    expect(loaded.skipped).toEqual([]);
  });

  it('reports every skipped item the way Traefik logs it', async () => {
    const source = memoryMaterial({
      secrets: {
        'demo/helm': { data: { 'tls.ca': ca.certPem }, labels: { owner: 'helm' } },
        'demo/two-keys': { data: { a: ca.certPem, b: ca.certPem } },
        'demo/half': { data: { 'tls.crt': client.certPem, 'tls.key': '' } },
      },
      configMaps: { 'demo/one-key': { data: { 'bundle.pem': ca.certPem } } },
    });
    const loaded = await loadTlsMaterial(
      {
        rootCAs: [
          { secret: 'helm' },
          { secret: 'two-keys' },
          { configMap: 'one-key' },
          { secret: 'gone' },
          { secret: 's', configMap: 'c' },
        ],
        certificatesSecrets: ['half', 'missing'],
      },
      'demo',
      source,
    );
    expect(loaded.cas).toEqual([]);
    expect(loaded.skipped.map((s) => s.log)).toEqual([
      "Error while loading CA Secret: secret 'demo/helm' not found",
      'Error while loading CA Secret: secret demo/two-keys contains neither tls.ca nor ca.crt',
      'Error while loading CA ConfigMap: config map demo/one-key contains neither tls.ca nor ca.crt',
      "Error while loading CA Secret: secret 'demo/gone' not found",
      'Error while loading CA: both Secret and ConfigMap are defined',
      'Error while loading certificates: secret demo/half contains the following empty TLS data entries: tls.key',
      "Error while loading certificates: secret 'demo/missing' not found",
    ]);
  });

  it('says Traefik falls back to the system roots when every CA fails', async () => {
    const source = memoryMaterial({});
    const spec = { tls: { serverName: 'api.internal', rootCAs: [{ secret: 'gone' }] } };
    const loaded = await loadTlsMaterial(spec.tls, 'demo', source);
    const response = await runProbe({ namespace: 'demo', spec }, loaded, [], { policy: new TargetPolicy() });
    expect(response.notes.join('\n')).toContain('Traefik falls back to the system roots');
    const built = buildDialPlan({ namespace: 'demo', spec }, loaded);
    expect(built.ok && built.plan.tls.kind === 'tls' && built.plan.tls.prepared.trust).toBe('system');
  });

  it('treats CA data that is not PEM as an empty pool, not the system roots', async () => {
    const source = memoryMaterial({ secrets: { 'demo/junk': { data: { 'tls.ca': 'not a certificate' } } } });
    const loaded = await loadTlsMaterial({ rootCAs: [{ secret: 'junk' }] }, 'demo', source);
    const prepared = prepareTls(loaded);
    expect(prepared.trust).toBe('empty-pool');
    expect(prepared.dropped[0]!.log).toContain('AppendCertsFromPEM');
  });

  it('drops a key pair Go cannot load and presents the first that loads', async () => {
    const source = memoryMaterial({
      secrets: {
        'demo/mismatch': {
          data: { 'tls.crt': client.certPem, 'tls.key': other.issue({ commonName: 'x' }).keyPem },
        },
        'demo/good': { data: { 'tls.crt': client.certPem, 'tls.key': client.keyPem } },
      },
    });
    const loaded = await loadTlsMaterial({ certificatesSecrets: ['mismatch', 'good'] }, 'demo', source);
    const prepared = prepareTls(loaded);
    expect(prepared.clientCertificate).toBe('CN=client');
    expect(prepared.dropped.map((d) => d.log)).toEqual([
      'tls: private key does not match public key (Traefik logs this at DEBUG and skips it)',
    ]);
  });

  it('reuses the prepared context while the material is unchanged', async () => {
    const source = memoryMaterial({ secrets: { 'demo/ca': { data: { 'tls.ca': ca.certPem } } } });
    const first = prepareTls(await loadTlsMaterial({ rootCAs: [{ secret: 'ca' }] }, 'demo', source));
    const second = prepareTls(await loadTlsMaterial({ rootCAs: [{ secret: 'ca' }] }, 'demo', source));
    expect(second.secureContext).toBe(first.secureContext);
  });

  it('E-28: refuses to use a Secret the user may not read', async () => {
    const source = memoryMaterial({ secrets: { 'demo/etcd-client': 'forbidden' } });
    await expect(
      loadTlsMaterial({ certificatesSecrets: ['etcd-client'] }, 'demo', source),
    ).rejects.toBeInstanceOf(MaterialForbiddenError);
  });

  it('does not count a CA that failed to load as a TLS field next to SPIFFE, as Traefik does', async () => {
    const loaded = await loadTlsMaterial(
      { rootCAs: [{ secret: 'gone' }], spiffe: { trustDomain: 'example.org' } },
      'demo',
      memoryMaterial({}),
    );
    const built = buildDialPlan(
      {
        namespace: 'demo',
        spec: { tls: { rootCAs: [{ secret: 'gone' }], spiffe: { trustDomain: 'example.org' } } },
      },
      loaded,
      { spiffeConfigured: true },
    );
    expect(built.ok).toBe(true);
  });

  it('fails the build on a rootCAs item with neither field', async () => {
    const spec = { tls: { serverName: 'x', rootCAs: [{}] } };
    const loaded = await loadTlsMaterial(spec.tls, 'demo', memoryMaterial({}));
    const built = buildDialPlan({ namespace: 'demo', spec }, loaded);
    expect(built).toMatchObject({ ok: false });
    if (!built.ok) expect(built.message).toContain('panics');
  });
});
