import { createHash } from 'node:crypto';
import type { ResourceType } from '../resources/registry.js';
import { groupVersions, RESOURCE_TYPES, verbsOf } from '../resources/registry.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function storageVersionHash(type: ResourceType): string {
  return createHash('sha256')
    .update(`${type.group}/${type.version}/${type.kind}`)
    .digest('base64')
    .slice(0, 11);
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function namedGroups(): { name: string; versions: string[] }[] {
  const groups: { name: string; versions: string[] }[] = [];
  for (const gv of groupVersions()) {
    if (gv.group === '') continue;
    let group = groups.find((g) => g.name === gv.group);
    if (!group) {
      group = { name: gv.group, versions: [] };
      groups.push(group);
    }
    if (!group.versions.includes(gv.version)) group.versions.push(gv.version);
  }
  return groups;
}

function apiGroup(group: { name: string; versions: string[] }): Record<string, unknown> {
  const versions = group.versions.map((v) => ({ groupVersion: `${group.name}/${v}`, version: v }));
  return { name: group.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: namedGroups().map(apiGroup) };
}

export function apiGroupDocument(name: string): unknown {
  const group = namedGroups().find((g) => g.name === name);
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) } : undefined;
}

export function apiResourceList(group: string, version: string): unknown {
  const gv = groupVersions().find((g) => g.group === group && g.version === version);
  if (!gv) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: gv.resources.map((t) => {
      const entry: Record<string, unknown> = {
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: verbsOf(t),
      };
      if (t.shortNames.length > 0) entry['shortNames'] = t.shortNames;
      if (t.categories.length > 0) entry['categories'] = t.categories;
      if (t.class !== 'virtual') entry['storageVersionHash'] = storageVersionHash(t);
      return entry;
    }),
  };
}

/** `apidiscovery.k8s.io` v2 (or v2beta1) for `/api` (core) or `/apis` (named groups). */
export function aggregatedDiscovery(core: boolean, apiVersion: string): unknown {
  const names = core ? [''] : namedGroups().map((g) => g.name);
  const items = names.map((group) => ({
    metadata: { name: group, creationTimestamp: null },
    versions: groupVersions()
      .filter((gv) => gv.group === group)
      .map((gv) => ({
        version: gv.version,
        freshness: 'Current',
        resources: gv.resources.map((t) => {
          const entry: Record<string, unknown> = {
            resource: t.plural,
            responseKind: { group: t.group, version: t.version, kind: t.kind },
            scope: t.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: t.singular,
            verbs: verbsOf(t),
          };
          if (t.shortNames.length > 0) entry['shortNames'] = t.shortNames;
          if (t.categories.length > 0) entry['categories'] = t.categories;
          return entry;
        }),
      })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}

export function allTypes(): readonly ResourceType[] {
  return RESOURCE_TYPES;
}
