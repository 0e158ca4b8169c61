import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST, formatRoute, parseRoute, type Route } from './route';

describe('routes', () => {
  const cases: Route[] = [
    { view: 'home' },
    { view: 'list', cluster: 'demo', namespaces: [], list: DEFAULT_LIST },
    {
      view: 'list',
      cluster: 'prod/eu',
      namespaces: ['a', 'b'],
      list: { q: 'tls & co', sort: 'age', desc: true, filters: ['mtls', 'errors'], mode: 'unused' },
    },
    { view: 'detail', cluster: 'demo', namespaces: ['demo'], namespace: 'demo', name: 'mtls-backend' },
    { view: 'edit', cluster: 'demo', namespaces: [], namespace: 'x', name: '<img src=x>', tab: 'yaml' },
    { view: 'new', cluster: 'demo', namespaces: [], template: 'mtls', tab: 'form' },
    {
      view: 'new',
      cluster: 'demo',
      namespaces: ['edge'],
      template: 'tcp',
      tab: 'form',
      name: 'no-such-transport',
    },
    { view: 'import', cluster: 'demo', namespaces: ['edge'] },
  ];

  it.each(cases)('round-trips %j', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to home for unknown or broken hashes', () => {
    expect(parseRoute('')).toEqual({ view: 'home' });
    expect(parseRoute('#/elsewhere')).toEqual({ view: 'home' });
    expect(parseRoute('#/c/%E0%A4%A')).toEqual({ view: 'home' });
  });

  it('ignores unknown values in the query', () => {
    const route = parseRoute('#/c/demo/transports?sort=evil&v=nope&tab=x');
    expect(route).toEqual({ view: 'list', cluster: 'demo', namespaces: [], list: DEFAULT_LIST });
  });

  it('keeps the URL short for the default list', () => {
    expect(formatRoute({ view: 'list', cluster: 'demo', namespaces: [], list: DEFAULT_LIST })).toBe(
      '#/c/demo/transports',
    );
  });
});
