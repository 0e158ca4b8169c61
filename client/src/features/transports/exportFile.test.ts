import { describe, expect, it } from 'vitest';
import { exportYaml, parseYaml } from '@dialtone/shared';
import { buildExport } from './exportFile';

const transport = (name: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: ${name}\n  namespace: demo\nspec: {}\n`;
const route = `apiVersion: traefik.io/v1alpha1\nkind: IngressRouteTCP\nmetadata:\n  name: r\n  namespace: demo\nspec:\n  routes: []\n`;

describe('buildExport', () => {
  it('joins files, puts routes last, drops a shared route twice and namespaces on request', () => {
    const text = buildExport(
      [`${route}---\n${transport('a')}`, `${transport('b')}---\n${route}`],
      { dropNamespace: true, withRoutes: true },
      { parseYaml, exportYaml },
    );
    const docs = parseYaml(text).map((d) => d.value as { kind: string; metadata: Record<string, unknown> });
    expect(docs.map((d) => `${d.kind}/${String(d.metadata['name'])}`)).toEqual([
      'ServersTransportTCP/a',
      'ServersTransportTCP/b',
      'IngressRouteTCP/r',
    ]);
    expect(docs.every((d) => !('namespace' in d.metadata))).toBe(true);
  });
});
