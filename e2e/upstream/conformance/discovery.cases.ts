import { expect } from 'vitest';
import type { RegisterCase } from './registrar.js';
import { expectNoRoute, kubectlFails, kubectlOk } from './session.js';

const AGGREGATED_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

interface GroupDiscoveryList {
  kind: string;
  apiVersion: string;
  items: {
    metadata: { name: string };
    versions: {
      resources: { resource: string; scope: string; responseKind: { kind: string }; verbs: string[] }[];
    }[];
  }[];
}

interface ResourceList {
  kind: string;
  groupVersion: string;
  resources: { name: string; namespaced: boolean; singularName: string; verbs: string[] }[];
}

interface Operation {
  'x-kubernetes-group-version-kind'?: { kind: string };
  parameters?: ({ name: string; in: string } | { $ref: string })[];
}

interface OpenApiDocument {
  paths: Record<string, { patch?: Operation }>;
  components: {
    schemas: Record<string, { 'x-kubernetes-group-version-kind'?: { kind: string }[] }>;
    parameters?: Record<string, { name: string; in: string }>;
  };
}

/** Cases 1 to 7: version, discovery (aggregated and legacy), OpenAPI v3 and what kubectl builds on it. */
export function discoveryCases(register: RegisterCase): void {
  register(1, 'kubectl version reports a server version', async (s) => {
    const result = await kubectlOk(s, ['version', '-o', 'json']);
    const { serverVersion } = JSON.parse(result.stdout) as {
      serverVersion?: { major: string; gitVersion: string };
    };
    expect(serverVersion?.major, result.stdout).toBe('1');
    expect(serverVersion?.gitVersion).toMatch(/^v1\.\d+\.\d+/);
  });

  register(2, 'kubectl api-resources lists all served resources', async (s) => {
    const { stdout } = await kubectlOk(s, ['api-resources', '--no-headers']);
    for (const row of [
      /^serverstransporttcps\s+traefik\.io\/v1alpha1\s+true\s+ServersTransportTCP$/m,
      /^ingressroutetcps\s+traefik\.io\/v1alpha1\s+true\s+IngressRouteTCP$/m,
      /^secrets\s+v1\s+true\s+Secret$/m,
      /^services\s+svc\s+v1\s+true\s+Service$/m,
      /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m,
      /^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice$/m,
      /^selfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview$/m,
    ]) {
      expect(stdout).toMatch(row);
    }
  });

  register(3, 'aggregated discovery v2 on /apis and /api', async (s) => {
    for (const path of ['/apis', '/api']) {
      const response = await s.http('GET', path, { headers: { Accept: AGGREGATED_ACCEPT } });
      expect(response.status, `${path}: ${response.text.slice(0, 200)}`).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/as=APIGroupDiscoveryList/);
      expect(response.headers.get('content-type')).toMatch(/v=v2\b/);
      expect(response.json).toMatchObject({
        kind: 'APIGroupDiscoveryList',
        apiVersion: 'apidiscovery.k8s.io/v2',
      });
    }
    const groups = (await s.http('GET', '/apis', { headers: { Accept: AGGREGATED_ACCEPT } }))
      .json as GroupDiscoveryList;
    const traefik = groups.items.find((group) => group.metadata.name === 'traefik.io');
    const transports = traefik?.versions[0]?.resources.find((r) => r.resource === 'serverstransporttcps');
    expect(transports, JSON.stringify(traefik)).toMatchObject({
      scope: 'Namespaced',
      responseKind: { kind: 'ServersTransportTCP' },
    });
    expect(transports?.verbs).toContain('watch');
  });

  register(
    4,
    'legacy discovery: /api, /apis, /api/v1, /apis/traefik.io/v1alpha1 with plain JSON',
    async (s) => {
      const plain = { headers: { Accept: 'application/json' } };
      const versions = await s.http('GET', '/api', plain);
      expect(versions.json, versions.text).toMatchObject({ kind: 'APIVersions' });
      expect((versions.json as { versions: string[] }).versions).toContain('v1');

      const groups = await s.http('GET', '/apis', plain);
      expect(groups.json, groups.text.slice(0, 300)).toMatchObject({ kind: 'APIGroupList' });
      expect((groups.json as { groups: unknown[] }).groups).toContainEqual(
        expect.objectContaining({
          name: 'traefik.io',
          preferredVersion: expect.objectContaining({ version: 'v1alpha1' }),
        }),
      );

      const traefik = (await s.http('GET', '/apis/traefik.io/v1alpha1', plain)).json as ResourceList;
      expect(traefik).toMatchObject({ kind: 'APIResourceList', groupVersion: 'traefik.io/v1alpha1' });
      const transports = traefik.resources.find((r) => r.name === 'serverstransporttcps');
      expect(transports).toMatchObject({ namespaced: true, singularName: 'serverstransporttcp' });
      expect(transports?.verbs).toContain('patch');

      const core = (await s.http('GET', '/api/v1', plain)).json as ResourceList;
      expect(core.kind).toBe('APIResourceList');
      expect(core.resources.map((r) => r.name)).toContain('secrets');

      expectNoRoute(await s.http('GET', '/apis/nope.example.com/v1', plain));
    },
  );

  register(5, 'openapi v3 index and group-version document usable by kubectl', async (s) => {
    const index = await s.http('GET', '/openapi/v3');
    expect(index.status, index.text.slice(0, 200)).toBe(200);
    const paths = (index.json as { paths: Record<string, { serverRelativeURL: string } | undefined> }).paths;
    expect(paths['api/v1'], 'api/v1 missing in /openapi/v3').toBeDefined();
    const entry = paths['apis/traefik.io/v1alpha1'];
    expect(entry?.serverRelativeURL, 'apis/traefik.io/v1alpha1 missing in /openapi/v3').toBeTruthy();

    const response = await s.http('GET', entry!.serverRelativeURL, {
      headers: { Accept: 'application/json' },
    });
    expect(response.status, response.text.slice(0, 200)).toBe(200);
    const document = response.json as OpenApiDocument;
    const schema = Object.values(document.components.schemas).find((candidate) =>
      candidate['x-kubernetes-group-version-kind']?.some((gvk) => gvk.kind === 'ServersTransportTCP'),
    );
    expect(schema, 'no schema with x-kubernetes-group-version-kind ServersTransportTCP').toBeDefined();
    const patch = Object.values(document.paths)
      .map((path) => path.patch)
      .find((op) => op?.['x-kubernetes-group-version-kind']?.kind === 'ServersTransportTCP');
    // kube-apiserver shares common parameters through components.parameters references.
    const parameters = (patch?.parameters ?? []).map((p) =>
      '$ref' in p ? document.components.parameters?.[p.$ref.split('/').pop()!] : p,
    );
    expect(
      parameters.some((p) => p?.name === 'fieldValidation' && p.in === 'query'),
      'the PATCH operation lacks the fieldValidation query parameter (kubectl apply then falls back to /openapi/v2)',
    ).toBe(true);
  });

  register(6, 'kubectl explain serverstransporttcp.spec', async (s) => {
    const { stdout } = await kubectlOk(s, ['explain', 'serverstransporttcp.spec']);
    expect(stdout).toMatch(/KIND:\s+ServersTransportTCP/);
    expect(stdout).toContain('dialTimeout');
  });

  register(7, 'kubectl explain of an unknown field fails', async (s) => {
    const { stderr } = await kubectlFails(s, ['explain', 'serverstransporttcp.spec.nope']);
    expect(stderr).toContain('field "nope" does not exist');
  });
}
