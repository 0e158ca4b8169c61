import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../testing/harness.js';
import { startTestCluster, transport } from '../testing/harness.js';

let t: TestCluster;
const BASE = '/apis/traefik.io/v1alpha1/namespaces/default';

beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(() => t.close());

function post(path: string, body: unknown) {
  return t.http(`${BASE}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

interface Status {
  reason: string;
  message: string;
  details: { causes: { reason: string; field: string; message: string }[] };
}

describe('custom resource validation with the API server semantics', () => {
  it('prunes unknown fields: Warn warns, Strict refuses, Ignore is silent; the default is Warn', async () => {
    const warn = await post(
      'serverstransporttcps?fieldValidation=Warn',
      transport('v-warn', { dialTimeout: '1s', bogus: 1 }),
    );
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"spec.bogus\\""');
    expect((warn.json as { spec: unknown }).spec).toEqual({ dialTimeout: '1s' });
    const strict = await post(
      'serverstransporttcps?fieldValidation=Strict',
      transport('v-strict', { dialTimeout: '1s', bogus: 1, tls: { nope: true } }),
    );
    expect(strict.status).toBe(400);
    expect((strict.json as Status).message).toBe(
      'ServersTransportTCP in version "v1alpha1" cannot be handled as a ServersTransportTCP: strict decoding error: unknown field "spec.bogus", unknown field "spec.tls.nope"',
    );
    const ignore = await post(
      'serverstransporttcps?fieldValidation=Ignore',
      transport('v-ignore', { dialTimeout: '1s', bogus: 1 }),
    );
    expect(ignore.status).toBe(201);
    expect(ignore.headers.get('warning')).toBeNull();
    const byDefault = await post('serverstransporttcps', transport('v-default', { bogus: 1 }));
    expect(byDefault.status).toBe(201);
    expect(byDefault.headers.get('warning')).toContain('unknown field');
    const badMode = await post('serverstransporttcps?fieldValidation=Loose', transport('v-mode'));
    expect(badMode.status).toBe(400);
  });

  it('drops nulls of non-nullable fields instead of storing them', async () => {
    const r = await post(
      'serverstransporttcps',
      transport('v-null', { dialTimeout: null, terminationDelay: '1s' }),
    );
    expect(r.status).toBe(201);
    expect((r.json as { spec: unknown }).spec).toEqual({ terminationDelay: '1s' });
  });

  it('answers schema failures with 422 and one cause per field, worded like the API server', async () => {
    const r = await post(
      'serverstransporttcps',
      transport('v-bad', {
        dialTimeout: 'abc',
        proxyProtocol: { version: 3 },
        tls: { insecureSkipVerify: 'yes' },
      }),
    );
    expect(r.status).toBe(422);
    const status = r.json as Status;
    expect(status.reason).toBe('Invalid');
    expect(status.details.causes).toEqual(
      expect.arrayContaining([
        {
          reason: 'FieldValueInvalid',
          field: 'spec.dialTimeout',
          message: `Invalid value: "abc": spec.dialTimeout in body should match '^([0-9]+(ns|us|µs|ms|s|m|h)?)+$'`,
        },
        {
          reason: 'FieldValueInvalid',
          field: 'spec.proxyProtocol.version',
          message: 'Invalid value: 3: spec.proxyProtocol.version in body should be less than or equal to 2',
        },
        {
          reason: 'FieldValueInvalid',
          field: 'spec.tls.insecureSkipVerify',
          message:
            'Invalid value: "yes": spec.tls.insecureSkipVerify in body must be of type boolean: "string"',
        },
      ]),
    );
    expect(status.details.causes).toHaveLength(3);
    expect(status.message).toMatch(/^ServersTransportTCP\.traefik\.io "v-bad" is invalid: \[/);
  });

  it('reports required fields and the CEL rule of rootCAs', async () => {
    const route = await post('ingressroutetcps', {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: { name: 'v-route' },
      spec: { entryPoints: ['tcp'] },
    });
    expect(route.status).toBe(422);
    expect((route.json as Status).message).toBe(
      'IngressRouteTCP.traefik.io "v-route" is invalid: spec.routes: Required value',
    );
    const cel = await post(
      'serverstransporttcps',
      transport('v-cel', { tls: { rootCAs: [{ secret: 'a', configMap: 'b' }] } }),
    );
    expect(cel.status).toBe(422);
    expect((cel.json as Status).details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.tls.rootCAs[0]',
        message: 'Invalid value: "object": RootCA cannot have both Secret and ConfigMap defined.',
      },
    ]);
  });

  it('validates updates and patches too, and leaves the stored object untouched when they fail', async () => {
    await post('serverstransporttcps', transport('v-update', { dialTimeout: '1s' }));
    const patch = await t.http(`${BASE}/serverstransporttcps/v-update`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { dialTimeout: '-1s' } }),
    });
    expect(patch.status).toBe(422);
    const current = await t.http(`${BASE}/serverstransporttcps/v-update`);
    expect((current.json as { spec: unknown }).spec).toEqual({ dialTimeout: '1s' });
  });
});
