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

const KIND = 'serverstransporttcp';

/** The transport cases 9 to 28 create, update and read back. */
const applied = (s: ConformanceSession): string => s.name('apply');

/** Cases 8 to 28: kubectl reads, client-side apply, patches, validation and server dry run. */
export function kubectlWriteCases(register: RegisterCase): void {
  register(8, 'kubectl get -A on an empty collection', async (s) => {
    const { stderr } = await kubectlOk(s, ['get', 'ingressroutetcps', '-A', '-l', `none=${s.suffix}`]);
    expect(stderr).toContain('No resources found');
  });

  register(9, 'kubectl apply creates (client-side apply)', async (s) => {
    const yaml = transportYaml(
      applied(s),
      { dialTimeout: '30s', dialKeepAlive: '15s' },
      { labels: { app: 'demo' } },
    );
    const { stdout } = await applyOk(s, yaml);
    expect(stdout).toContain(`serverstransporttcp.traefik.io/${applied(s)} created`);
  });

  register(10, 'server-populated metadata on create', async (s) => {
    const { metadata } = await getObject(s, KIND, applied(s));
    expect(metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(metadata.resourceVersion).toMatch(/.+/);
    expect(metadata).toMatchObject({ generation: 1, namespace: 'default' });
    expect(metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeTruthy();
  });

  register(11, 'kubectl apply of an identical manifest is a no-op', async (s) => {
    const before = await jsonPath(s, KIND, applied(s), '{.metadata.resourceVersion}');
    const yaml = transportYaml(
      applied(s),
      { dialTimeout: '30s', dialKeepAlive: '15s' },
      { labels: { app: 'demo' } },
    );
    const { stdout } = await applyOk(s, yaml);
    expect(stdout).toContain('unchanged');
    expect(await jsonPath(s, KIND, applied(s), '{.metadata.resourceVersion}')).toBe(before);
  });

  register(
    12,
    'kubectl apply update: the merge patch removes a dropped field and bumps generation',
    async (s) => {
      const yaml = transportYaml(
        applied(s),
        { dialTimeout: '10s' },
        { labels: { app: 'demo', tier: 'edge' } },
      );
      const { stdout } = await applyOk(s, yaml);
      expect(stdout).toContain('configured');
      const object = await getObject(s, KIND, applied(s));
      expect(object.spec).toEqual({ dialTimeout: '10s' });
      expect(object.metadata.labels?.['tier']).toBe('edge');
      expect(object.metadata.generation).toBe(2);
    },
  );

  register(13, 'a metadata-only change bumps resourceVersion but not generation', async (s) => {
    const before = (await getObject(s, KIND, applied(s))).metadata;
    await kubectlOk(s, ['label', KIND, applied(s), 'x=y']);
    const after = (await getObject(s, KIND, applied(s))).metadata;
    expect(after.generation).toBe(before.generation);
    expect(after.resourceVersion).not.toBe(before.resourceVersion);
  });

  register(14, 'kubectl get prints the server-side Table', async (s) => {
    const { stdout } = await kubectlOk(s, ['get', KIND, applied(s)]);
    expect(stdout).toMatch(/^NAME\s+AGE\s*$/m);
    expect(stdout).toMatch(new RegExp(`^${applied(s)}\\s+\\d+[smhd]`, 'm'));
  });

  register(15, 'kubectl get -A adds the NAMESPACE column', async (s) => {
    const { stdout } = await kubectlOk(s, ['get', 'serverstransporttcps', '-A']);
    expect(stdout).toMatch(/^NAMESPACE\s+NAME\s+AGE/m);
    expect(stdout).toMatch(new RegExp(`^default\\s+${applied(s)}\\s`, 'm'));
  });

  register(16, 'kubectl get <fully qualified resource> -n default -o yaml', async (s) => {
    const { stdout } = await kubectlOk(s, [
      'get',
      'serverstransporttcps.traefik.io',
      '-n',
      'default',
      '-o',
      'yaml',
    ]);
    expect(stdout).toContain('kind: List');
    expect(stdout).toContain(`name: ${applied(s)}`);
  });

  register(17, 'kubectl get of a missing object: NotFound', async (s) => {
    const missing = s.name('missing');
    const { stderr } = await kubectlFails(s, ['get', KIND, missing]);
    expect(stderr).toContain(
      `Error from server (NotFound): serverstransporttcps.traefik.io "${missing}" not found`,
    );
  });

  register(18, 'kubectl create of an existing object: AlreadyExists', async (s) => {
    const { stderr } = await kubectlFails(s, ['create', '-f', '-'], {
      input: transportYaml(applied(s), { dialTimeout: '1s' }),
    });
    expect(stderr).toContain('(AlreadyExists)');
    expect(stderr).toContain('already exists');
  });

  register(19, 'kubectl replace with a stale resourceVersion: Conflict', async (s) => {
    const stale = await getObject(s, KIND, applied(s));
    await kubectlOk(s, ['label', KIND, applied(s), `bump=${Date.now()}`, '--overwrite']);
    const { stderr } = await kubectlFails(s, ['replace', '-f', '-'], {
      input: JSON.stringify({ ...stale, spec: { ...stale.spec, dialTimeout: '11s' } }),
    });
    expect(stderr).toContain('(Conflict)');
    expect(stderr).toContain('the object has been modified');
  });

  register(20, 'kubectl patch --type=merge', async (s) => {
    const { stdout } = await kubectlOk(s, [
      'patch',
      KIND,
      applied(s),
      '--type=merge',
      '-p',
      '{"spec":{"dialTimeout":"12s"}}',
    ]);
    expect(stdout).toContain('patched');
    expect(await jsonPath(s, KIND, applied(s), '{.spec.dialTimeout}')).toBe('12s');
  });

  register(21, 'kubectl patch --type=json', async (s) => {
    const patch = '[{"op":"replace","path":"/spec/dialTimeout","value":"13s"}]';
    await kubectlOk(s, ['patch', KIND, applied(s), '--type=json', '-p', patch]);
    expect(await jsonPath(s, KIND, applied(s), '{.spec.dialTimeout}')).toBe('13s');
  });

  register(22, 'kubectl patch --type=json with a failing test op: 422 Invalid', async (s) => {
    const patch = '[{"op":"test","path":"/spec/dialTimeout","value":"nope"}]';
    const { stderr } = await kubectlFails(s, ['patch', KIND, applied(s), '--type=json', '-p', patch]);
    expect(stderr).toContain('The request is invalid');
  });

  register(23, 'kubectl patch (strategic by default) on a custom resource: 415', async (s) => {
    const { stderr } = await kubectlFails(s, [
      'patch',
      KIND,
      applied(s),
      '-p',
      '{"spec":{"dialTimeout":"1s"}}',
    ]);
    expect(stderr).toContain('application/strategic-merge-patch+json is not supported');
    expect(stderr).toContain('the body of the request was in an unknown format');
  });

  register(24, 'an unknown field with the default --validate=strict: 400, nothing created', async (s) => {
    const { stderr } = await applyFails(
      s,
      transportYaml(s.name('unk'), { dialTimeout: '5s', bogusField: 1 }),
    );
    expect(stderr).toContain('Error from server (BadRequest)');
    expect(stderr).toContain('strict decoding error: unknown field "spec.bogusField"');
    expect(await exists(s, KIND, s.name('unk'))).toBe(false);
  });

  register(25, 'an unknown field with --validate=warn: a Warning, the field pruned', async (s) => {
    const { stderr } = await applyOk(
      s,
      transportYaml(s.name('unk'), { dialTimeout: '5s', bogusField: 1 }),
      '--validate=warn',
    );
    expect(stderr).toContain('Warning: unknown field "spec.bogusField"');
    expect(await jsonPath(s, KIND, s.name('unk'), '{.spec}')).toBe('{"dialTimeout":"5s"}');
  });

  register(26, 'schema validation: 422 Invalid with field causes', async (s) => {
    const route = manifest({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: { name: s.name('bad') },
      spec: { entryPoints: ['tcp'] },
    });
    const missingRoutes = await applyFails(s, route);
    expect(missingRoutes.stderr).toContain(
      `The IngressRouteTCP "${s.name('bad')}" is invalid: spec.routes: Required value`,
    );
    const badDuration = await applyFails(s, transportYaml(s.name('bad'), { dialTimeout: 'abc' }));
    expect(badDuration.stderr).toContain('spec.dialTimeout in body should match');
  });

  register(27, 'kubectl apply --dry-run=server of a new object persists nothing', async (s) => {
    const { stdout } = await applyOk(
      s,
      transportYaml(s.name('dry'), { dialTimeout: '1s' }),
      '--dry-run=server',
    );
    expect(stdout).toContain('created (server dry run)');
    expect(await exists(s, KIND, s.name('dry'))).toBe(false);
  });

  register(28, 'kubectl apply --dry-run=server of an update persists nothing', async (s) => {
    const before = await jsonPath(s, KIND, applied(s), '{.metadata.resourceVersion}');
    const { stdout } = await applyOk(
      s,
      transportYaml(applied(s), { dialTimeout: '99s' }),
      '--dry-run=server',
    );
    expect(stdout).toContain('configured (server dry run)');
    const after = await getObject(s, KIND, applied(s));
    expect(after.metadata.resourceVersion).toBe(before);
    expect(after.spec?.['dialTimeout']).not.toBe('99s');
  });
}
