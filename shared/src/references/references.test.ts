import { describe, expect, it } from 'vitest';
import { listingReferenceDiagnostics, referencesOf } from './references.js';

const spec = {
  tls: {
    rootCAsSecrets: ['legacy'],
    rootCAs: [{ secret: 'ca-secret' }, { configMap: 'ca-map' }, { secret: 'both', configMap: 'both' }],
    certificatesSecrets: ['client'],
  },
};

describe('references', () => {
  it('names every Secret and ConfigMap in Traefik’s loading order, with the pointer of each name', () => {
    expect(referencesOf(spec).map((r) => `${r.kind} ${r.name} ${r.path}`)).toEqual([
      'Secret legacy /spec/tls/rootCAsSecrets/0',
      'Secret ca-secret /spec/tls/rootCAs/0/secret',
      'ConfigMap ca-map /spec/tls/rootCAs/1/configMap',
      'Secret client /spec/tls/certificatesSecrets/0',
    ]);
  });

  it('turns missing objects and missing keys into errors that say what Traefik does', () => {
    const diagnostics = listingReferenceDiagnostics(spec, 'demo', {
      secrets: [
        { name: 'legacy', keys: ['root.pem'], invisibleToTraefik: false },
        { name: 'ca-secret', keys: ['ca.crt'], invisibleToTraefik: true },
        { name: 'client', keys: ['tls.crt'], invisibleToTraefik: false },
      ],
      configMaps: [],
    });
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`)).toEqual([
      'warning traefik.reference-invisible /spec/tls/rootCAs/0/secret',
      'warning traefik.reference-missing /spec/tls/rootCAs/1/configMap',
      'warning traefik.reference-no-usable-key /spec/tls/certificatesSecrets/0',
    ]);
    expect(diagnostics[1]!.message).toContain('there is no such ConfigMap in demo');
    expect(diagnostics[2]!.message).toContain('dials without this client certificate');
  });

  it('says nothing about a kind whose listing could not be read', () => {
    expect(listingReferenceDiagnostics(spec, 'demo', { secrets: undefined, configMaps: undefined })).toEqual(
      [],
    );
  });
});
