import { describe, expect, it } from 'vitest';
import { cleanForExport, exportYaml, parseYaml } from './index.js';

function fromCluster(): Record<string, unknown> {
  return {
    status: { observed: true },
    spec: { dialTimeout: '30s', tls: { serverName: 'yes' } },
    metadata: {
      name: 'backend',
      namespace: 'prod',
      labels: { team: 'payments' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"traefik.io/v1alpha1"}',
        'example.com/owner': 'payments',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'abc' }],
      finalizers: ['example.com/keep'],
      managedFields: [{ manager: 'kubectl' }],
      resourceVersion: '12345',
      uid: '0b4c7a6e',
      creationTimestamp: '2024-01-01T00:00:00Z',
      generation: 3,
      selfLink: '/apis/traefik.io/v1alpha1/namespaces/prod/serverstransporttcps/backend',
      deletionTimestamp: '2024-02-01T00:00:00Z',
      deletionGracePeriodSeconds: 30,
    },
    kind: 'ServersTransportTCP',
    apiVersion: 'traefik.io/v1alpha1',
    extra: 'kept',
  };
}

describe('cleanForExport', () => {
  it('drops status and server-set metadata, keeping labels, other annotations and owner references', () => {
    expect(cleanForExport(fromCluster())).toEqual({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: {
        name: 'backend',
        namespace: 'prod',
        labels: { team: 'payments' },
        annotations: { 'example.com/owner': 'payments' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'abc' }],
        finalizers: ['example.com/keep'],
      },
      spec: { dialTimeout: '30s', tls: { serverName: 'yes' } },
      extra: 'kept',
    });
  });

  it('orders apiVersion, kind, metadata, spec first', () => {
    expect(Object.keys(cleanForExport(fromCluster()) as object)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
      'extra',
    ]);
  });

  it('removes annotations entirely when only last-applied was there', () => {
    const object = fromCluster();
    (object['metadata'] as Record<string, unknown>)['annotations'] = {
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    };
    const cleaned = cleanForExport(object) as { metadata: Record<string, unknown> };
    expect('annotations' in cleaned.metadata).toBe(false);
  });

  it('drops the namespace only when asked', () => {
    const cleaned = cleanForExport(fromCluster(), { dropNamespace: true }) as {
      metadata: Record<string, unknown>;
    };
    expect(cleaned.metadata['namespace']).toBeUndefined();
    expect(cleaned.metadata['name']).toBe('backend');
  });

  it('does not modify the object it was given', () => {
    const object = fromCluster();
    const before = JSON.stringify(object);
    const cleaned = cleanForExport(object) as { spec: { tls: Record<string, unknown> } };
    cleaned.spec.tls['serverName'] = 'changed';
    expect(JSON.stringify(object)).toBe(before);
  });
});

describe('exportYaml', () => {
  it('writes clean YAML that reads back to the same objects without any warning', () => {
    const second = { ...fromCluster(), metadata: { name: 'other', namespace: 'prod' } };
    const text = exportYaml([fromCluster(), second], { dropNamespace: true });
    expect(text).toContain('serverName: "yes"');
    expect(text).not.toMatch(/status|resourceVersion|last-applied|namespace/);

    const docs = parseYaml(text);
    expect(docs.map((doc) => doc.diagnostics)).toEqual([[], []]);
    expect(docs.map((doc) => doc.value)).toEqual([
      cleanForExport(fromCluster(), { dropNamespace: true }),
      cleanForExport(second, { dropNamespace: true }),
    ]);
  });

  it('starts the exported document the way kubectl prints it', () => {
    const text = exportYaml([fromCluster()]);
    expect(
      text.startsWith(
        'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: backend\n',
      ),
    ).toBe(true);
  });
});
