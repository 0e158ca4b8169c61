import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  bundledCrds,
  bundledCrdSet,
  bundledSchemas,
  fieldInfo,
  crdToJsonSchema,
  pruneUnknownFields,
  validateWithSchema,
} from './index.js';
import type { CustomResourceDefinition } from './index.js';

const stt = () => bundledSchemas().serversTransportTCP;
const base = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'ServersTransportTCP',
  metadata: { name: 'x', namespace: 'demo' },
};
const codes = (value: unknown) => validateWithSchema(value, stt().schema).map((d) => `${d.code}@${d.path}`);

describe('bundled CRDs', () => {
  it('are the upstream files of each release byte for byte as data, with their source note', () => {
    for (const [release, dir, commit] of [
      ['3.7', '../../crds/v3.7.9/', 'v3.7.9'],
      ['master', '../../crds/', 'fd5a576df2e8aeb0bfc8a96b6ef6e60a61f7ec0a'],
    ] as const) {
      const set = bundledCrdSet(release);
      for (const [file, crd] of [
        ['traefik.io_serverstransporttcps.yaml', set.serversTransportTCP],
        ['traefik.io_ingressroutetcps.yaml', set.ingressRouteTCP],
      ] as const) {
        const upstream = parse(readFileSync(new URL(`${dir}${file}`, import.meta.url), 'utf8'));
        expect(crd).toEqual(upstream);
      }
      expect(set.source).toContain(commit);
    }
  });

  it('default to the current release, v3.7.9, where peerCertSANs is unknown and peerCertURI current', () => {
    expect(bundledCrds).toBe(bundledCrdSet('3.7'));
    const spec = { tls: { peerCertSANs: [{ type: 'URI', value: 'spiffe://a/b' }] } };
    expect(codes({ ...base, spec })).toEqual(['schema.unknown-field@/spec/tls/peerCertSANs']);
    expect(
      validateWithSchema({ ...base, spec }, bundledSchemas('master').serversTransportTCP.schema),
    ).toEqual([]);
    const tls = ['spec', 'tls', 'peerCertURI'];
    expect(fieldInfo(stt().schema, tls)).toEqual({ known: true, deprecated: false });
    expect(fieldInfo(bundledSchemas('master').serversTransportTCP.schema, tls)).toEqual({
      known: true,
      deprecated: true,
    });
  });
});

describe('crdToJsonSchema', () => {
  it('applies the duration pattern to strings only, so negative integers pass', () => {
    expect(codes({ ...base, spec: { dialTimeout: -1 } })).toEqual([]);
    expect(codes({ ...base, spec: { dialTimeout: '-1s' } })).toEqual(['schema.pattern@/spec/dialTimeout']);
    expect(codes({ ...base, spec: { dialTimeout: 1.5 } })).toEqual(['schema.type@/spec/dialTimeout']);
  });

  it('rejects unknown fields at every level, including a spec-level spiffe and status', () => {
    expect(codes({ ...base, spec: { spiffe: {} }, status: {} })).toEqual([
      'schema.unknown-field@/spec/spiffe',
      'schema.unknown-field@/status',
    ]);
    expect(codes({ ...base, metadata: { name: 'x', labelz: {} }, spec: {} })).toEqual([
      'kubernetes.unknown-field@/metadata/labelz',
    ]);
  });

  it('implements the CEL rule on rootCAs items in code and as JSON Schema for editors', () => {
    const value = { ...base, spec: { tls: { rootCAs: [{ secret: 'a', configMap: 'b' }, { secret: 'c' }] } } };
    const diagnostics = validateWithSchema(value, stt().schema);
    expect(diagnostics.map((d) => `${d.code}@${d.path}`)).toEqual(['schema.cel@/spec/tls/rootCAs/0']);
    expect(diagnostics[0]!.message).toContain('RootCA cannot have both Secret and ConfigMap defined.');
    const item = stt().schema.properties!['spec']!.properties!['tls']!.properties!['rootCAs']!.items!;
    expect(item.not).toEqual({ required: ['secret', 'configMap'] });
  });

  it('reports a CEL rule it does not know as not checked locally instead of passing it', () => {
    const crd = structuredClone(bundledCrds.serversTransportTCP) as unknown as CustomResourceDefinition;
    const spec = crd.spec.versions[0]!.schema!.openAPIV3Schema!.properties!['spec'] as {
      'x-kubernetes-validations'?: unknown;
    };
    spec['x-kubernetes-validations'] = [
      { rule: 'self.dialTimeout != self.dialKeepAlive', message: 'must differ' },
    ];
    const schema = crdToJsonSchema(crd);
    const diagnostics = validateWithSchema({ ...base, spec: {} }, schema.schema);
    expect(diagnostics).toMatchObject([{ severity: 'info', code: 'schema.cel-not-checked', path: '/spec' }]);
  });

  it('checks metadata with Kubernetes rules and apiVersion/kind as constants', () => {
    expect(codes({ ...base, metadata: { name: 'a'.repeat(253), namespace: 'ns' }, spec: {} })).toEqual([]);
    expect(codes({ ...base, metadata: { name: 'a.b.c', namespace: 'a.b' }, spec: {} })).toEqual([
      'kubernetes.invalid-namespace@/metadata/namespace',
    ]);
    expect(codes({ ...base, metadata: { name: 'A', namespace: 'n'.repeat(64) }, spec: {} })).toEqual([
      'kubernetes.invalid-name@/metadata/name',
      'kubernetes.invalid-namespace@/metadata/namespace',
    ]);
    expect(codes({ ...base, kind: 'ServersTransport', spec: {} })).toEqual(['kubernetes.wrong-kind@/kind']);
  });

  it('treats null map values as unset but not null list items, as the API server prunes', () => {
    expect(codes({ ...base, spec: { dialTimeout: null } })).toEqual([]);
    expect(codes({ ...base, spec: null })).toEqual(['schema.required@/spec']);
    expect(codes({ ...base, spec: { tls: { rootCAsSecrets: [null] } } })).toEqual([
      'schema.type@/spec/tls/rootCAsSecrets/0',
    ]);
  });

  it('names the schema origin and the served version', () => {
    expect(stt()).toMatchObject({
      group: 'traefik.io',
      version: 'v1alpha1',
      kind: 'ServersTransportTCP',
      origin: 'bundled',
      namespaced: true,
    });
    expect(() => crdToJsonSchema(bundledCrds.serversTransportTCP, { version: 'v2' })).toThrow(
      /has no version v2; it offers v1alpha1/,
    );
  });

  it('prunes what the API server would drop under fieldValidation Warn', () => {
    const { value, removed } = pruneUnknownFields(
      { ...base, spec: { foo: 1, dialTimeout: null, tls: { rootCA: [] } } },
      stt().schema,
    );
    expect(removed).toEqual(['/spec/foo', '/spec/tls/rootCA']);
    expect(value).toEqual({ ...base, spec: { tls: {} } });
  });
});
