import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../testing/harness.js';
import { kubectlMissingReason, startTestCluster, transportYaml, waitFor } from '../testing/harness.js';

if (kubectlMissingReason) console.warn(kubectlMissingReason);

let t: TestCluster;

describe.skipIf(kubectlMissingReason !== undefined)('kubectl against the embedded API server', () => {
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.close());

  it('discovers every served resource, with short names and scopes', async () => {
    const r = await t.kubectl(['api-resources', '--no-headers']);
    expect(r.rc, r.err).toBe(0);
    expect(r.out).toMatch(/^serverstransporttcps\s+traefik\.io\/v1alpha1\s+true\s+ServersTransportTCP$/m);
    expect(r.out).toMatch(/^services\s+svc\s+v1\s+true\s+Service$/m);
    expect(r.out).toMatch(/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    expect(r.out).toMatch(
      /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m,
    );
  });

  it('explains the transport schema from OpenAPI v3', async () => {
    const r = await t.kubectl(['explain', 'serverstransporttcp.spec']);
    expect(r.rc, r.err).toBe(0);
    expect(r.out).toMatch(/KIND:\s+ServersTransportTCP/);
    expect(r.out).toContain('dialTimeout');
    expect((await t.kubectl(['explain', 'serverstransporttcp.spec.nope'])).err).toContain(
      'field "nope" does not exist',
    );
  });

  it('applies client-side: created, unchanged, configured with the dropped field removed', async () => {
    const create = await t.kubectl(
      ['apply', '-f', '-'],
      transportYaml('k-apply', { dialTimeout: '30s', dialKeepAlive: '15s' }),
    );
    expect(create.out, create.err).toContain('serverstransporttcp.traefik.io/k-apply created');
    const again = await t.kubectl(
      ['apply', '-f', '-'],
      transportYaml('k-apply', { dialTimeout: '30s', dialKeepAlive: '15s' }),
    );
    expect(again.out).toContain('unchanged');
    const update = await t.kubectl(['apply', '-f', '-'], transportYaml('k-apply', { dialTimeout: '10s' }));
    expect(update.out, update.err).toContain('configured');
    const o = JSON.parse((await t.kubectl(['get', 'serverstransporttcp', 'k-apply', '-o', 'json'])).out) as {
      spec: Record<string, string>;
      metadata: { generation: number; annotations: Record<string, string> };
    };
    expect(o.spec).toEqual({ dialTimeout: '10s' });
    expect(o.metadata.generation).toBe(2);
    expect(o.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined();
  });

  it('dry-runs on the server without persisting, and reports stale replaces as conflicts', async () => {
    const dry = await t.kubectl(
      ['apply', '--dry-run=server', '-f', '-'],
      transportYaml('k-dry', { dialTimeout: '1s' }),
    );
    expect(dry.out, dry.err).toContain('created (server dry run)');
    expect((await t.kubectl(['get', 'serverstransporttcp', 'k-dry'])).rc).toBe(1);
    const before = JSON.parse(
      (await t.kubectl(['get', 'serverstransporttcp', 'k-apply', '-o', 'json'])).out,
    ) as {
      metadata: { resourceVersion: string };
      spec: Record<string, string>;
    };
    const dryUpdate = await t.kubectl(
      ['apply', '--dry-run=server', '-f', '-'],
      transportYaml('k-apply', { dialTimeout: '99s' }),
    );
    expect(dryUpdate.out).toContain('configured (server dry run)');
    await t.kubectl(['label', 'serverstransporttcp', 'k-apply', 'bump=1']);
    before.spec = { dialTimeout: '11s' };
    const stale = await t.kubectl(['replace', '-f', '-'], JSON.stringify(before));
    expect(stale.rc).toBe(1);
    expect(stale.err).toContain('(Conflict)');
    expect(stale.err).toContain('the object has been modified');
    const smp = await t.kubectl(['patch', 'serverstransporttcp', 'k-apply', '-p', '{"spec":{}}']);
    expect(smp.err).toContain('application/strategic-merge-patch+json is not supported');
  });

  it('pages with --chunk-size and filters with label and field selectors', async () => {
    for (const i of [1, 2, 3]) {
      await t.kubectl(
        ['apply', '-f', '-'],
        transportYaml(`k-page${i}`, { dialTimeout: '1s' }, '  labels: {page: k}\n'),
      );
    }
    const paged = await t.kubectl([
      'get',
      'serverstransporttcps',
      '--chunk-size=1',
      '-l',
      'page=k',
      '-o',
      'name',
    ]);
    expect(paged.out.trim().split('\n')).toHaveLength(3);
    const none = await t.kubectl(['get', 'serverstransporttcps', '-l', 'page=k,!page', '-o', 'name']);
    expect(none.out.trim()).toBe('');
    const byName = await t.kubectl([
      'get',
      'serverstransporttcps',
      '--field-selector',
      'metadata.name=k-page2',
      '-o',
      'name',
    ]);
    expect(byName.out.trim()).toBe('serverstransporttcp.traefik.io/k-page2');
    const unsupported = await t.kubectl([
      'get',
      'serverstransporttcps',
      '--field-selector',
      'spec.dialTimeout=1s',
    ]);
    expect(unsupported.err).toContain('field label not supported: spec.dialTimeout');
  });

  it('keeps an object with a finalizer until the finalizer is removed, and deletes namespaces with their contents', async () => {
    await t.kubectl(
      ['apply', '-f', '-'],
      transportYaml('k-fin', { dialTimeout: '1s' }, '  finalizers: [example.com/hold]\n'),
    );
    expect((await t.kubectl(['delete', 'serverstransporttcp', 'k-fin', '--wait=false'])).rc).toBe(0);
    const held = await t.kubectl([
      'get',
      'serverstransporttcp',
      'k-fin',
      '-o',
      'jsonpath={.metadata.deletionTimestamp}',
    ]);
    expect(held.out).toMatch(/^\d{4}-/);
    await t.kubectl([
      'patch',
      'serverstransporttcp',
      'k-fin',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    ]);
    expect((await t.kubectl(['get', 'serverstransporttcp', 'k-fin'])).rc).toBe(1);

    await t.kubectl(['create', 'namespace', 'k-doomed']);
    await t.kubectl(['apply', '-n', 'k-doomed', '-f', '-'], transportYaml('inner', { dialTimeout: '1s' }));
    expect((await t.kubectl(['delete', 'namespace', 'k-doomed'])).rc).toBe(0);
    expect((await t.kubectl(['get', 'serverstransporttcp', 'inner', '-n', 'k-doomed'])).rc).toBe(1);
    const missingNs = await t.kubectl(
      ['apply', '-n', 'k-doomed', '-f', '-'],
      transportYaml('x', { dialTimeout: '1s' }),
    );
    expect(missingNs.err).toContain('namespaces "k-doomed" not found');
  });

  it('prints server-side tables with ages, and NotFound like the real API server', async () => {
    const one = await t.kubectl(['get', 'serverstransporttcp', 'k-apply']);
    expect(one.out).toMatch(/^NAME\s+AGE\s*$/m);
    expect(one.out).toMatch(/^k-apply\s+\d+[smhd]/m);
    expect((await t.kubectl(['get', 'serverstransporttcps', '-A'])).out).toMatch(/^default\s+k-apply\s/m);
    expect((await t.kubectl(['get', 'ns'])).out).toMatch(/^default\s+Active\s/m);
    const missing = await t.kubectl(['get', 'serverstransporttcp', 'nope']);
    expect(missing.rc).toBe(1);
    expect(missing.err).toContain(
      'Error from server (NotFound): serverstransporttcps.traefik.io "nope" not found',
    );
  });

  it('refuses unknown fields under strict validation, prunes them with a warning under --validate=warn', async () => {
    const strict = await t.kubectl(
      ['apply', '-f', '-'],
      transportYaml('k-unknown', { dialTimeout: '5s', bogusField: 1 }),
    );
    expect(strict.rc).toBe(1);
    expect(strict.err).toContain('strict decoding error: unknown field "spec.bogusField"');
    const warn = await t.kubectl(
      ['apply', '--validate=warn', '-f', '-'],
      transportYaml('k-unknown', { dialTimeout: '5s', bogusField: 1 }),
    );
    expect(warn.rc, warn.err).toBe(0);
    expect(warn.err).toContain('Warning: unknown field "spec.bogusField"');
    expect((await t.kubectl(['get', 'serverstransporttcp', 'k-unknown', '-o', 'jsonpath={.spec}'])).out).toBe(
      '{"dialTimeout":"5s"}',
    );
  });

  it('applies server-side and migrates a client-side applied object without conflicts', async () => {
    await t.kubectl(
      ['apply', '-f', '-'],
      transportYaml('k-migrate', { dialTimeout: '30s', dialKeepAlive: '15s' }),
    );
    const r = await t.kubectl(
      ['apply', '--server-side', '-f', '-'],
      transportYaml('k-migrate', { dialTimeout: '10s' }),
    );
    expect(r.out, r.err).toContain('serverside-applied');
    const o = JSON.parse(
      (await t.kubectl(['get', 'serverstransporttcp', 'k-migrate', '-o', 'json', '--show-managed-fields']))
        .out,
    ) as {
      spec: Record<string, string>;
      metadata: { managedFields: { manager: string; operation: string }[] };
    };
    expect(o.spec).toEqual({ dialTimeout: '10s' });
    expect(o.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: 'kubectl', operation: 'Apply' }),
    );
  });

  it('creates built-ins from protobuf bodies and merges Service ports strategically', async () => {
    const secret = await t.kubectl(['create', 'secret', 'generic', 'k-secret', '--from-literal=a=b']);
    expect(secret.out, secret.err).toContain('secret/k-secret created');
    expect((await t.kubectl(['get', 'secret', 'k-secret', '-o', 'jsonpath={.data.a} {.type}'])).out).toBe(
      'Yg== Opaque',
    );
    expect((await t.kubectl(['create', 'namespace', 'k-ns'])).rc).toBe(0);
    const svc = await t.kubectl(['create', 'service', 'clusterip', 'k-svc', '--tcp=80:8080']);
    expect(svc.out, svc.err).toContain('service/k-svc created');
    const ports = JSON.parse(
      (await t.kubectl(['get', 'svc', 'k-svc', '-o', 'jsonpath={.spec.ports}'])).out,
    ) as unknown[];
    expect(ports).toEqual([expect.objectContaining({ port: 80, targetPort: 8080, protocol: 'TCP' })]);

    const service = (list: [string, number, number][]) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: k-web}\nspec:\n  selector: {app: web}\n  ports:\n${list
        .map(([n, p, tp]) => `  - {name: ${n}, port: ${p}, targetPort: ${tp}}`)
        .join('\n')}\n`;
    expect(
      (
        await t.kubectl(
          ['apply', '-f', '-'],
          service([
            ['http', 80, 8080],
            ['https', 443, 8443],
          ]),
        )
      ).rc,
    ).toBe(0);
    const second = await t.kubectl(['apply', '-f', '-'], service([['https', 443, 9443]]));
    expect(second.rc, second.err).toBe(0);
    const after = JSON.parse(
      (await t.kubectl(['get', 'svc', 'k-web', '-o', 'jsonpath={.spec.ports}'])).out,
    ) as unknown[];
    expect(after).toEqual([expect.objectContaining({ name: 'https', port: 443, targetPort: 9443 })]);
  });

  it('answers auth can-i truthfully', async () => {
    expect((await t.kubectl(['auth', 'can-i', 'update', 'serverstransporttcps'])).out.trim()).toBe('yes');
    const viewer = await t.kubectl([
      '--context',
      'dialtone-local-viewer',
      'auth',
      'can-i',
      'delete',
      'serverstransporttcps',
    ]);
    expect(viewer.rc).toBe(1);
    expect(viewer.out.trim()).toMatch(/^no/);
  });

  it('streams get -w events', async () => {
    const child = t.kubectlSpawn(['get', 'serverstransporttcps', '-w', '--output-watch-events']);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    // The initial list is printed before the watch starts from its resourceVersion, so no event is missed.
    await waitFor(() => out.includes('k-apply'), 15_000);
    await t.kubectl(['apply', '-f', '-'], transportYaml('k-watch', { dialTimeout: '1s' }));
    await t.kubectl([
      'patch',
      'serverstransporttcp',
      'k-watch',
      '--type=merge',
      '-p',
      '{"spec":{"dialTimeout":"2s"}}',
    ]);
    await t.kubectl(['delete', 'serverstransporttcp', 'k-watch']);
    await waitFor(() => /^DELETED\s+k-watch\s/m.test(out), 10_000).catch(() => undefined);
    child.kill();
    expect(out).toMatch(/^ADDED\s+k-watch\s/m);
    expect(out).toMatch(/^MODIFIED\s+k-watch\s/m);
    expect(out).toMatch(/^DELETED\s+k-watch\s/m);
  });
});
