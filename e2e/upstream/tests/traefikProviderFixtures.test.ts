import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lintDocuments,
  providerDropOf,
  type IngressRouteTCPSpec,
  type LintedDocument,
  type ProviderSettings,
} from '@dialtone/shared';
import { parseAllDocuments } from 'yaml';
import { traefikModuleDir } from '../support/traefikModule.js';
import { PROVIDER_CASES, type ProviderCase } from '../traefik/providerCases.js';

/**
 * The TCP cases of the tests of Traefik's kubernetescrd provider (pkg/provider/kubernetes/crd), their
 * fixtures read from Traefik's module, each linted with the case's provider options. Lint's findings
 * say what the provider does not build; what is left must be what Traefik builds.
 */

function fixturesDir(): { dir?: string; reason?: string } {
  try {
    const dir = join(traefikModuleDir(), 'pkg', 'provider', 'kubernetes', 'crd', 'fixtures');
    return existsSync(dir) ? { dir } : { reason: `${dir} is missing from Traefik's module` };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

interface Built {
  routers: string[];
  services: string[];
  transports: string[];
}

/** Traefik's makeServiceKey and makeID: `namespace-name-` and the rule's SHA-256, 10 bytes in hex. */
function routerKey(namespace: string, name: string, match: string): string {
  return `${namespace}-${name}-${createHash('sha256').update(match).digest('hex').slice(0, 20)}`;
}

function indexAt(path: string, segment: string): number | undefined {
  const parts = path.split('/');
  const at = parts.indexOf(segment);
  return at === -1 ? undefined : Number(parts[at + 1]);
}

/** What the provider builds from the linted documents, leaving out what lint says it drops. */
function builtAccordingToLint(documents: readonly LintedDocument[], values: readonly unknown[]): Built {
  const built: Built = { routers: [], services: [], transports: [] };
  documents.forEach((document, i) => {
    const namespace = document.namespace ?? 'default';
    if (document.kind === 'ServersTransportTCP' && document.valid) {
      built.transports.push(`${namespace}-${document.name}`);
    }
    if (document.kind !== 'IngressRouteTCP' || !document.valid) return;
    const drops = document.diagnostics.map((d) => ({ drop: providerDropOf(d.code), path: d.path }));
    if (drops.some((d) => d.drop === 'resource')) return;
    const noRouters = drops.some((d) => d.drop === 'router');
    const spec = (values[i] as { spec: IngressRouteTCPSpec }).spec;
    spec.routes.forEach((route, r) => {
      if (drops.some((d) => d.drop === 'route' && indexAt(d.path, 'routes') === r)) return;
      const key = routerKey(namespace, document.name ?? '', route.match);
      if (!noRouters) built.routers.push(key);
      const services = route.services ?? [];
      const kept = services.filter(
        (_, s) =>
          !drops.some(
            (d) =>
              d.drop === 'service' && indexAt(d.path, 'routes') === r && indexAt(d.path, 'services') === s,
          ),
      );
      // One service is built under the router's key; several each get their own, under a weighted one.
      if (services.length === 1) built.services.push(...kept.map(() => key));
      else {
        built.services.push(...kept.map((service) => `${key}-${service.name}-${String(service.port)}`));
        if (kept.length > 0) built.services.push(key);
      }
    });
  });
  const unique = (list: string[]) => [...new Set(list)].sort();
  return {
    routers: unique(built.routers),
    services: unique(built.services),
    transports: unique(built.transports),
  };
}

function lintCase(dir: string, testCase: ProviderCase) {
  const files = testCase.files ?? ['tcp/services.yml', `tcp/${testCase.fixture}`];
  const inputs = files.map((file) => ({ source: file, text: readFileSync(join(dir, file), 'utf8') }));
  const values = inputs.flatMap((input) =>
    parseAllDocuments(input.text).map((document) => document.toJS() as unknown),
  );
  const report = lintDocuments(inputs, { provider: testCase.options satisfies Partial<ProviderSettings> });
  return { report, built: builtAccordingToLint(report.documents, values) };
}

const { dir, reason } = fixturesDir();
if (!dir) console.log(`skipped Traefik's provider fixtures: ${reason}`);

describe.skipIf(!dir)("dialtone lint against the TCP cases of Traefik's kubernetescrd provider tests", () => {
  it('covers the 58 TCP cases of the eight tests', () => {
    expect(PROVIDER_CASES).toHaveLength(58);
    expect(new Set(PROVIDER_CASES.map((c) => c.test)).size).toBe(8);
  });

  const agreeing = PROVIDER_CASES.filter((c) => !c.refusedByApiServer);
  it.each(agreeing.map((c) => [`${c.test}: ${c.name}`, c] as const))('%s', (_title, testCase) => {
    const { built } = lintCase(dir!, testCase);
    expect(built).toEqual({
      routers: [...testCase.builds.routers].sort(),
      services: [...testCase.builds.services].sort(),
      transports: [...testCase.builds.transports].sort(),
    });
  });

  const refused = PROVIDER_CASES.filter((c) => c.refusedByApiServer);
  it.each(refused.map((c) => [`${c.test}: ${c.name}`, c] as const))(
    '%s: an expected disagreement, the API server refuses the fixture',
    (_title, testCase) => {
      const { report } = lintCase(dir!, testCase);
      const { document, path } = testCase.refusedByApiServer!;
      const refusedDocument = report.documents.find(
        (d) => `${d.namespace}/${d.name}` === document && !d.valid,
      );
      expect(refusedDocument?.diagnostics).toContainEqual(
        expect.objectContaining({ severity: 'error', source: 'schema', path }),
      );
    },
  );
});
