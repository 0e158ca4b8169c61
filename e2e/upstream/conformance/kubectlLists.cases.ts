import { expect } from 'vitest';
import { manifest, transportYaml } from './objects.js';
import type { RegisterCase } from './registrar.js';
import {
  applyFails,
  applyOk,
  exists,
  getObject,
  jsonPath,
  kubectlFails,
  kubectlOk,
  type ConformanceSession,
} from './session.js';
import { waitUntil } from './waitUntil.js';

const KIND = 'serverstransporttcp';

/** `kubectl get serverstransporttcps -l … -o name`, one name per line. */
async function namesSelected(s: ConformanceSession, selector: string): Promise<string[]> {
  const { stdout } = await kubectlOk(s, ['get', 'serverstransporttcps', '-l', selector, '-o', 'name']);
  return stdout.split('\n').filter(Boolean);
}

function servicePorts(name: string, ports: { name: string; port: number; targetPort: number }[]): string {
  return manifest({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: 'web' }, ports },
  });
}

/** Cases 38 to 48: watches, paging, selectors, built-in kinds and namespaces through kubectl. */
export function kubectlListCases(register: RegisterCase): void {
  register(38, 'kubectl get -w streams ADDED, MODIFIED and DELETED', async (s) => {
    const watched = s.name('watch');
    const child = s.kubectl.spawn(['get', 'serverstransporttcps', '-w', '--output-watch-events']);
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const line = (event: string) => new RegExp(`^${event}\\s+${watched}\\s`, 'm');
    try {
      // Objects from earlier cases come first as ADDED: the watch is established once they are printed.
      await waitUntil(() => output.length > 0, 'kubectl get -w to print the current objects');
      await applyOk(s, transportYaml(watched, { dialTimeout: '1s' }));
      await kubectlOk(s, ['patch', KIND, watched, '--type=merge', '-p', '{"spec":{"dialTimeout":"2s"}}']);
      await kubectlOk(s, ['delete', KIND, watched]);
      await waitUntil(() => line('DELETED').test(output), `DELETED ${watched} in:\n${output}`);
    } finally {
      child.kill();
    }
    const positions = ['ADDED', 'MODIFIED', 'DELETED'].map((event) => output.search(line(event)));
    expect(
      positions.every((p) => p >= 0),
      output,
    ).toBe(true);
    expect(
      [...positions].sort((a, b) => a - b),
      output,
    ).toEqual(positions);
  });

  register(39, 'kubectl get --chunk-size=1 pages with limit and continue', async (s) => {
    for (const page of [1, 2, 3]) {
      await applyOk(
        s,
        transportYaml(s.name(`page${page}`), { dialTimeout: '1s' }, { labels: { page: s.suffix } }),
      );
    }
    const { stdout } = await kubectlOk(s, [
      'get',
      'serverstransporttcps',
      '--chunk-size=1',
      '-l',
      `page=${s.suffix}`,
      '-o',
      'name',
    ]);
    expect(stdout.trim().split('\n')).toHaveLength(3);
  });

  register(40, 'label selectors: =, in, !', async (s) => {
    expect(await namesSelected(s, `page=${s.suffix}`)).toHaveLength(3);
    expect(await namesSelected(s, `page in (${s.suffix},zzz)`)).toHaveLength(3);
    expect(await namesSelected(s, `page=${s.suffix},!page`)).toEqual([]);
  });

  register(41, 'field selectors: metadata.name works, an unsupported field is a 400', async (s) => {
    const byName = await kubectlOk(s, [
      'get',
      'serverstransporttcps',
      '--field-selector',
      `metadata.name=${s.name('page2')}`,
      '-o',
      'name',
    ]);
    expect(byName.stdout.trim()).toBe(`serverstransporttcp.traefik.io/${s.name('page2')}`);
    const { stderr } = await kubectlFails(s, [
      'get',
      'serverstransporttcps',
      '--field-selector',
      'spec.dialTimeout=1s',
    ]);
    expect(stderr).toContain('(BadRequest)');
    expect(stderr).toContain('field label not supported: spec.dialTimeout');
  });

  register(42, 'kubectl create secret generic (a protobuf request body since kubectl 1.32)', async (s) => {
    const args = ['create', 'secret', 'generic', s.name('sec'), '--from-literal=a=b'];
    const { stdout } = await kubectlOk(s, args);
    expect(stdout).toContain(`secret/${s.name('sec')} created`);
    expect(await jsonPath(s, 'secret', s.name('sec'), '{.data.a} {.type}')).toBe('Yg== Opaque');
    expect((await kubectlFails(s, args)).stderr).toContain('already exists');
  });

  register(
    43,
    'kubectl apply of a Secret twice: strategic merge patch, stringData folded into data',
    async (s) => {
      const secret = (password: string) =>
        manifest({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: s.name('appsec') },
          stringData: { password },
        });
      await applyOk(s, secret('one'));
      expect((await applyOk(s, secret('two'))).stdout).toContain('configured');
      const stored = await getObject(s, 'secret', s.name('appsec'));
      expect(stored.data?.['password']).toBe(Buffer.from('two').toString('base64'));
      expect(stored.stringData).toBeUndefined();
    },
  );

  register(44, 'kubectl apply of a Service twice: list merge by port and $patch: delete', async (s) => {
    const name = s.name('svc');
    await applyOk(
      s,
      servicePorts(name, [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'https', port: 443, targetPort: 8443 },
      ]),
    );
    await applyOk(s, servicePorts(name, [{ name: 'https', port: 443, targetPort: 9443 }]));
    const ports = JSON.parse(await jsonPath(s, 'svc', name, '{.spec.ports}')) as unknown[];
    expect(ports).toEqual([expect.objectContaining({ name: 'https', port: 443, targetPort: 9443 })]);
  });

  register(
    45,
    'kubectl auth can-i (SelfSubjectAccessReview, a protobuf body since kubectl 1.32)',
    async (s) => {
      const { stdout } = await kubectlOk(s, ['auth', 'can-i', 'update', 'serverstransporttcps']);
      expect(stdout.trim()).toBe('yes');
    },
  );

  register(46, 'a namespaced write into a missing namespace: NotFound', async (s) => {
    const { stderr } = await applyFails(
      s,
      transportYaml(s.name('x'), { dialTimeout: '1s' }),
      '-n',
      s.name('nons'),
    );
    expect(stderr).toContain(`namespaces "${s.name('nons')}" not found`);
  });

  // The namespace controller that empties a deleted namespace runs in kube-controller-manager, not in
  // the API server: a bare kube-apiserver leaves the namespace Terminating with its objects, and only
  // refuses new ones. What every API server must do is asserted; the rest only once the namespace is gone.
  register(
    47,
    'namespace lifecycle: Active on create; deleting it refuses new objects, and takes its objects along',
    async (s) => {
      const namespace = s.name('ns');
      await applyOk(s, manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }));
      expect(await jsonPath(s, 'ns', namespace, '{.status.phase}')).toBe('Active');
      await applyOk(s, transportYaml('inner', { dialTimeout: '1s' }), '-n', namespace);

      await kubectlOk(s, ['delete', 'ns', namespace, '--wait=false']);
      const { stderr } = await applyFails(s, transportYaml('later', { dialTimeout: '1s' }), '-n', namespace);
      expect(stderr).toMatch(
        new RegExp(
          `namespaces "${namespace}" not found|unable to create new content in namespace ${namespace} because it is being terminated`,
        ),
      );
      if (!(await exists(s, 'ns', namespace))) {
        expect(
          await exists(s, KIND, 'inner', '-n', namespace),
          'a namespaced object survived its namespace',
        ).toBe(false);
      } else {
        expect(await jsonPath(s, 'ns', namespace, '{.status.phase}')).toBe('Terminating');
      }
    },
  );

  register(48, 'EndpointSlice apply and get by service-name label', async (s) => {
    const slice = manifest({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: s.name('eps'), labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    expect((await applyOk(s, slice)).stdout).toContain('created');
    const { stdout } = await kubectlOk(s, [
      'get',
      'endpointslices',
      '-l',
      'kubernetes.io/service-name=web',
      '-o',
      'name',
    ]);
    expect(stdout).toContain(s.name('eps'));
  });
}
