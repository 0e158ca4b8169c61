import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentsResponse, TransportDetail } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { TRANSPORT_KIND } from '../clusters/index.js';
import {
  errorOf,
  jsonRequest,
  startHarness,
  transportObject,
  yamlRequest,
  type Harness,
} from '../api/testing.js';

const HEAD = 'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\n';

describe('hostile and broken input', () => {
  let h: Harness;
  let collection: string;

  beforeAll(async () => {
    h = await startHarness();
    collection = `${h.url}${apiPaths.namespacedTransports(h.cluster, 'default')}`;
  });

  afterAll(() => h.close());

  async function refused(text: string): Promise<string> {
    const response = await fetch(collection, yamlRequest('POST', text));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    return (await errorOf(response)).code;
  }

  it('E-01: refuses duplicate keys, unclosed quotes and tabs with positions, and sends nothing', async () => {
    const response = await fetch(
      collection,
      yamlRequest('POST', `${HEAD}metadata:\n  name: dup\n  name: dup2\nspec: {}\n`),
    );
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('yaml_parse_error');
    const diagnostics = (error.details as { diagnostics: { line?: number }[] }).diagnostics;
    expect(diagnostics[0]!.line).toBeGreaterThan(0);
    expect(await refused(`${HEAD}metadata:\n  name: "open\n`)).toBe('yaml_parse_error');
    expect(await refused(`${HEAD}metadata:\n\tname: tabbed\n`)).toBe('yaml_parse_error');
    await expect(h.kube.get(TRANSPORT_KIND, 'default', 'dup')).rejects.toMatchObject({ status: 404 });
  });

  it('E-03: refuses alias bombs quickly, and keeps serving', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    ].join('\n');
    const started = Date.now();
    expect(await refused(bomb)).toBe('yaml_parse_error');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('E-04: refuses language tags quickly, and keeps serving', async () => {
    const started = Date.now();
    expect(await refused(`${HEAD}metadata: !!js/function 'function () {}'\n`)).toBe('yaml_parse_error');
    expect(await refused(`${HEAD}metadata: !!python/object:os.system {}\n`)).toBe('yaml_parse_error');
    expect(await refused(`${HEAD}metadata: !!binary aGVsbG8=\n`)).toBe('yaml_parse_error');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('E-06: refuses deep nesting without a stack overflow', async () => {
    const started = Date.now();
    const code = await refused(`${HEAD}spec: ${'['.repeat(100_000)}`);
    expect(['yaml_parse_error', 'payload_too_large']).toContain(code);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('E-05: refuses a YAML body over 512 KiB before reading it', async () => {
    const response = await fetch(collection, yamlRequest('POST', `${HEAD}# ${'x'.repeat(600 * 1024)}\n`));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });

  it('E-05: refuses 3.1 MB and 10 MB bodies with 413, and passes the API server refusal of a 300 KB annotation through', async () => {
    for (const size of [3.1e6, 10e6]) {
      const response = await fetch(collection, yamlRequest('POST', `${HEAD}# ${'x'.repeat(size)}\n`));
      expect(response.status).toBe(413);
      expect((await errorOf(response)).code).toBe('payload_too_large');
    }
    const big = transportObject('default', 'annotated');
    const response = await fetch(
      collection,
      jsonRequest('POST', {
        ...big,
        metadata: { ...big.metadata, annotations: { note: 'x'.repeat(300 * 1024) } },
      }),
    );
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('metadata.annotations: Too long');
    expect(error.message).not.toMatch(/\n\s+at /);
    await expect(h.kube.get(TRANSPORT_KIND, 'default', 'annotated')).rejects.toMatchObject({ status: 404 });
  });

  it('validates every document of a stream and reports each, with lines', async () => {
    const stream = `${HEAD}metadata: {name: good}\nspec: {dialTimeout: 5s}\n---\n${HEAD}metadata: {name: bad}\nspec:\n  dialTimeout: 5 parsecs\n`;
    const body = (await (
      await fetch(`${h.url}${apiPaths.validate(h.cluster)}`, yamlRequest('POST', stream))
    ).json()) as DocumentsResponse;
    expect(body.documents.map((d) => [d.name, d.valid])).toEqual([
      ['good', true],
      ['bad', false],
    ]);
    await expect(h.kube.get(TRANSPORT_KIND, 'default', 'good')).rejects.toMatchObject({ status: 404 });
  });

  it('E-29: names the problem with referenced Secrets without echoing their contents', async () => {
    const secret = (name: string, data: Record<string, string>) =>
      h.clusterFetch('/api/v1/namespaces/default/secrets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, data }),
      });
    const garbage = Buffer.from('not a certificate at all, PRIVATE-MARKER').toString('base64');
    await secret('garbage-ca', { 'ca.crt': garbage });
    await secret('half-pair', { 'tls.crt': garbage });
    await secret('helm-owned', { 'tls.ca': garbage });
    await h.clusterFetch('/api/v1/namespaces/default/secrets/helm-owned', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { owner: 'helm' } } }),
    });
    await h.kube.create(
      TRANSPORT_KIND,
      'default',
      transportObject('default', 'refs', {
        tls: {
          serverName: 'x',
          rootCAs: [{ secret: 'garbage-ca' }, { secret: 'helm-owned' }],
          certificatesSecrets: ['half-pair'],
        },
      }),
    );
    const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'refs')}`);
    const text = await response.text();
    const detail = JSON.parse(text) as TransportDetail;
    expect(detail.references.map((r) => [r.name, r.state])).toEqual([
      ['garbage-ca', 'no-usable-key'],
      ['helm-owned', 'invisible-to-traefik'],
      ['half-pair', 'no-usable-key'],
    ]);
    expect(text).not.toContain('PRIVATE-MARKER');
    expect(text).not.toContain(garbage.slice(0, 20));
  });
});
