import { expect } from 'vitest';
import type { ManagedField } from './objects.js';
import { transportYaml } from './objects.js';
import type { RegisterCase } from './registrar.js';
import { applyFails, applyOk, exists, getObject, jsonPath, kubectlFails, kubectlOk } from './session.js';

const KIND = 'serverstransporttcp';
const SSA = '--server-side';

function owns(field: ManagedField, path: string): boolean {
  return field.fieldsV1?.['f:spec']?.[path] !== undefined;
}

/** Cases 29 to 37: server-side apply, field managers, deletion and finalizers. */
export function kubectlServerSideCases(register: RegisterCase): void {
  register(29, 'kubectl apply --server-side creates and records managedFields', async (s) => {
    const { stdout } = await applyOk(s, transportYaml(s.name('ssa'), { dialTimeout: '5s' }), SSA);
    expect(stdout).toContain('serverside-applied');
    const { metadata } = await getObject(s, KIND, s.name('ssa'), '--show-managed-fields');
    const entry = metadata.managedFields?.find((f) => f.manager === 'kubectl' && f.operation === 'Apply');
    expect(entry, JSON.stringify(metadata.managedFields)).toMatchObject({ fieldsType: 'FieldsV1' });
    expect(owns(entry!, 'f:dialTimeout'), JSON.stringify(entry)).toBe(true);
  });

  register(30, 'a server-side apply conflict between field managers: 409', async (s) => {
    await applyOk(s, transportYaml(s.name('shared'), { dialTimeout: '1s' }), SSA, '--field-manager=alice');
    const { stderr } = await applyFails(
      s,
      transportYaml(s.name('shared'), { dialTimeout: '9s' }),
      SSA,
      '--field-manager=bob',
    );
    expect(stderr).toContain('Apply failed with 1 conflict: conflict with "alice"');
    expect(stderr).toContain('.spec.dialTimeout');
  });

  register(31, 'server-side apply with --force-conflicts transfers ownership', async (s) => {
    const yaml = transportYaml(s.name('shared'), { dialTimeout: '9s' });
    await applyOk(s, yaml, SSA, '--field-manager=bob', '--force-conflicts');
    const object = await getObject(s, KIND, s.name('shared'), '--show-managed-fields');
    expect(object.spec?.['dialTimeout']).toBe('9s');
    const alice = object.metadata.managedFields?.filter((f) => f.manager === 'alice') ?? [];
    expect(
      alice.some((f) => owns(f, 'f:dialTimeout')),
      JSON.stringify(alice),
    ).toBe(false);
  });

  register(32, 'server-side apply removes a field its manager stopped applying', async (s) => {
    await applyOk(s, transportYaml(s.name('ssa'), { dialTimeout: '5s', terminationDelay: '1s' }), SSA);
    await applyOk(s, transportYaml(s.name('ssa'), { dialTimeout: '5s' }), SSA);
    expect(await jsonPath(s, KIND, s.name('ssa'), '{.spec}')).toBe('{"dialTimeout":"5s"}');
  });

  register(33, 'client-side apply, then --server-side, migrates without conflict', async (s) => {
    const migrate = s.name('migrate');
    await applyOk(s, transportYaml(migrate, { dialTimeout: '30s', dialKeepAlive: '15s' }));
    const { stdout } = await applyOk(s, transportYaml(migrate, { dialTimeout: '10s' }), SSA);
    expect(stdout).toContain('serverside-applied');
    const object = await getObject(s, KIND, migrate, '--show-managed-fields');
    expect(object.spec).toEqual({ dialTimeout: '10s' });
    expect(object.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: 'kubectl', operation: 'Apply' }),
    );
    expect(
      object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
      'the last-applied annotation is co-owned by kubectl-last-applied and must survive',
    ).toBeTruthy();
  });

  register(34, 'kubectl apply --server-side --dry-run=server persists nothing', async (s) => {
    const yaml = transportYaml(s.name('ssadry'), { dialTimeout: '1s' });
    const { stdout } = await applyOk(s, yaml, SSA, '--dry-run=server');
    expect(stdout).toContain('serverside-applied (server dry run)');
    expect(await exists(s, KIND, s.name('ssadry'))).toBe(false);
  });

  register(35, 'kubectl delete, then NotFound', async (s) => {
    const { stdout } = await kubectlOk(s, ['delete', KIND, s.name('ssa')]);
    expect(stdout).toContain(`serverstransporttcp.traefik.io "${s.name('ssa')}" deleted`);
    expect(await exists(s, KIND, s.name('ssa'))).toBe(false);
  });

  register(36, 'kubectl delete of a missing object: NotFound', async (s) => {
    const { stderr } = await kubectlFails(s, ['delete', KIND, s.name('missing')]);
    expect(stderr).toContain('(NotFound)');
  });

  register(
    37,
    'finalizers hold a deleted object until removed; delete --timeout waits with a watch',
    async (s) => {
      const held = s.name('fin');
      await applyOk(s, transportYaml(held, { dialTimeout: '1s' }, { finalizers: ['example.com/hold'] }));
      const { stderr } = await kubectlFails(s, ['delete', KIND, held, '--timeout=2s']);
      expect(stderr).toContain('timed out waiting for the condition');
      expect((await getObject(s, KIND, held)).metadata.deletionTimestamp).toBeTruthy();
      await kubectlOk(s, ['patch', KIND, held, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
      expect(await exists(s, KIND, held), 'the object survived the removal of its finalizer').toBe(false);
    },
  );
}
