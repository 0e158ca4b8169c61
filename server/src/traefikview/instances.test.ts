import { describe, expect, it } from 'vitest';
import { instancesByCluster, parseTraefikApi } from './instances.js';

describe('--traefik-api values', () => {
  it('reads CONTEXT=URL and CONTEXT=service:NAMESPACE/NAME:PORT', () => {
    expect(parseTraefikApi('prod=http://traefik-api.traefik.svc:9000/api/')).toMatchObject({
      context: 'prod',
      via: 'direct',
      instance: { id: 'http://traefik-api.traefik.svc:9000', target: 'http://traefik-api.traefik.svc:9000' },
    });
    expect(parseTraefikApi('kind-a=service:traefik/traefik:traefik')).toMatchObject({
      context: 'kind-a',
      via: 'service-proxy',
      namespace: 'traefik',
      name: 'traefik',
      port: 'traefik',
    });
  });

  it('reads a bare URL as the default cluster, even with = in its query', () => {
    const config = parseTraefikApi('http://127.0.0.1:9000/?a=b');
    expect(config.context).toBeUndefined();
    expect(config.instance.target).toBe('http://127.0.0.1:9000');
  });

  it('refuses what it cannot read, saying how to write it', () => {
    expect(() => parseTraefikApi('prod=ftp://x')).toThrow(/neither an http\(s\) URL/);
    expect(() => parseTraefikApi('prod=traefik:9000')).toThrow(/nor service:NAMESPACE\/NAME:PORT/);
    expect(() => parseTraefikApi('prod=http://u:p@x')).toThrow(/credentials in the URL/);
  });

  it('groups instances by cluster and refuses an unknown context', () => {
    const byCluster = instancesByCluster(
      [parseTraefikApi('http://a:9000'), parseTraefikApi('b=service:t/t:traefik')],
      ['a', 'b'],
      'a',
    );
    expect(byCluster.get('a')?.map((c) => c.instance.id)).toEqual(['http://a:9000']);
    expect(byCluster.get('b')?.map((c) => c.instance.id)).toEqual(['t/t:traefik']);
    expect(() => instancesByCluster([parseTraefikApi('c=http://x')], ['a'], 'a')).toThrow(/not one of a/);
  });
});
