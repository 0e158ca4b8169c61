import { describe, expect, it } from 'vitest';
import { comparable, editableText, forUpdate, metadataField, specOf } from './objectText';

const stored = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'ServersTransportTCP',
  metadata: {
    name: 't',
    namespace: 'demo',
    resourceVersion: '7',
    uid: 'u',
    managedFields: [{ manager: 'kubectl' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: { dialTimeout: '5s' },
  status: {},
};

describe('objectText', () => {
  it('edits only what the user owns', () => {
    const text = editableText(stored);
    expect(text).toContain('dialTimeout: 5s');
    expect(text).toContain('namespace: demo');
    for (const owned of ['resourceVersion', 'managedFields', 'uid', 'last-applied', 'status']) {
      expect(text).not.toContain(owned);
    }
  });

  it("sends the version it was edited from and keeps kubectl's last-applied annotation", () => {
    expect(forUpdate({ metadata: { name: 't' } }, { metadata: {} }, '7')).toEqual({
      metadata: { name: 't', resourceVersion: '7' },
    });
    expect(forUpdate({ metadata: { name: 't', annotations: { a: 'b' } } }, stored, '8')).toEqual({
      metadata: {
        name: 't',
        annotations: { a: 'b', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
        resourceVersion: '8',
      },
    });
    expect(metadataField(stored, 'namespace')).toBe('demo');
    expect(metadataField({ metadata: { name: '' } }, 'name')).toBeUndefined();
    expect(specOf(stored)).toEqual({ dialTimeout: '5s' });
    expect(comparable(stored)).toEqual({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name: 't', namespace: 'demo' },
      spec: { dialTimeout: '5s' },
    });
  });
});
