import { expect } from 'vitest';
import { transport, TRANSPORTS_PATH, type ApiObject } from './objects.js';
import type { RegisterCase } from './registrar.js';
import { expectNoRoute } from './session.js';

interface Table {
  kind: string;
  apiVersion: string;
  columnDefinitions: { name: string; type: string }[];
  rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
}

/** Cases 65 to 70: headers, content negotiation and request checks seen on the wire. */
export function wireCases(register: RegisterCase): void {
  register(
    65,
    'fieldValidation: Warn gives a Warning header, Strict a 400, Ignore prunes silently',
    async (s) => {
      const post = (mode: string, base: string) =>
        s.http('POST', `${TRANSPORTS_PATH}?fieldValidation=${mode}`, {
          body: transport(s.name(base), { dialTimeout: '1s', bogus: 1 }),
        });
      const warn = await post('Warn', 'fvw');
      expect(warn.status, warn.text).toBe(201);
      expect(warn.headers.get('warning')).toMatch(/^299 - "unknown field \\"spec\.bogus\\""/);
      expect((warn.json as ApiObject).spec?.['bogus'], 'the unknown field was stored').toBeUndefined();

      const strict = await post('Strict', 'fvs');
      expect(strict.status, strict.text).toBe(400);
      expect(strict.json).toMatchObject({
        reason: 'BadRequest',
        message: expect.stringMatching(/unknown field "spec\.bogus"/),
      });

      const ignore = await post('Ignore', 'fvi');
      expect(ignore.status, ignore.text).toBe(201);
      expect(ignore.headers.get('warning')).toBeNull();
      expect((ignore.json as ApiObject).spec?.['bogus']).toBeUndefined();
    },
  );

  register(
    66,
    'Table responses: default CR columns, PartialObjectMetadata rows, Accept negotiation',
    async (s) => {
      const accept = (value: string) => s.http('GET', TRANSPORTS_PATH, { headers: { Accept: value } });
      const response = await accept('application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
      expect(response.status, response.text.slice(0, 200)).toBe(200);
      const table = response.json as Table;
      expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
      expect(table.columnDefinitions[0]?.name).toBe('Name');
      expect(table.columnDefinitions).toContainEqual(expect.objectContaining({ name: 'Age', type: 'date' }));
      for (const row of table.rows) {
        expect(row.object.kind).toBe('PartialObjectMetadata');
        expect(row.cells[0]).toBe(row.object.metadata.name);
      }
      const plain = await accept('application/json');
      expect((plain.json as { kind: string }).kind).toBe('ServersTransportTCPList');
    },
  );

  register(
    67,
    'DELETE preconditions (uid mismatch: 409) and namespace or name mismatches on POST and PUT: 400',
    async (s) => {
      const name = s.name('pre');
      const created = await s.http('POST', TRANSPORTS_PATH, { body: transport(name) });
      expect(created.status, created.text).toBe(201);
      const uid = (created.json as ApiObject).metadata.uid;
      const stranger = '00000000-0000-0000-0000-000000000000';
      const precondition = await s.http('DELETE', `${TRANSPORTS_PATH}/${name}`, {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: stranger } },
      });
      expect(precondition.status, precondition.text).toBe(409);
      // Worded as kube-apiserver's BeforeDelete, which names the Kind rather than the resource.
      expect(precondition.json).toMatchObject({
        reason: 'Conflict',
        message: `Operation cannot be fulfilled on ServersTransportTCP.traefik.io "${name}": the UID in the precondition (${stranger}) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
      });

      const elsewhere = await s.http('POST', TRANSPORTS_PATH, {
        body: transport(s.name('x'), undefined, { namespace: 'other' }),
      });
      expect(elsewhere.status, elsewhere.text).toBe(400);
      expect(elsewhere.text).toMatch(/does not match the namespace/);

      const renamed = await s.http('PUT', `${TRANSPORTS_PATH}/${name}`, {
        body: transport('different-name'),
      });
      expect(renamed.status, renamed.text).toBe(400);
      expect(renamed.json).toMatchObject({ reason: 'BadRequest' });
    },
  );

  register(68, 'an unknown resource path: 404 with Go\'s plain "404 page not found"', async (s) => {
    // Not middlewaretcps: a server with all of Traefik's CRDs installed serves it.
    expectNoRoute(await s.http('GET', '/apis/traefik.io/v1alpha1/namespaces/default/nopes'));
  });

  register(69, 'an invalid object name: 422 Invalid on metadata.name', async (s) => {
    const response = await s.http('POST', TRANSPORTS_PATH, { body: transport('Bad_Name') });
    expect(response.status, response.text).toBe(422);
    expect(response.json).toMatchObject({ reason: 'Invalid' });
    expect(response.json).toMatchObject({
      details: { causes: expect.arrayContaining([expect.objectContaining({ field: 'metadata.name' })]) },
    });
  });

  register(70, 'generateName assigns a name on create', async (s) => {
    const response = await s.http('POST', TRANSPORTS_PATH, {
      body: transport(undefined, undefined, { generateName: 'gen-' }),
    });
    expect(response.status, response.text).toBe(201);
    expect((response.json as ApiObject).metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });
}
