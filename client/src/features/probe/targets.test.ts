import { describe, expect, it } from 'vitest';
import { parseTypedTarget } from './targets';

describe('typed probe targets', () => {
  it('takes each form the page and the CLI show', () => {
    expect(parseTypedTarget('demo/tls-backend:443', true)).toEqual({
      target: { service: { namespace: 'demo', name: 'tls-backend', port: 443 }, tls: true },
    });
    expect(parseTypedTarget('svc/demo/tls-backend:https', false)).toEqual({
      target: { service: { namespace: 'demo', name: 'tls-backend', port: 'https' }, tls: false },
    });
    expect(parseTypedTarget('backend.demo.svc:8443', true)).toEqual({
      target: { address: 'backend.demo.svc:8443', tls: true },
    });
    expect(parseTypedTarget('[::1]:443', true)).toEqual({ target: { address: '[::1]:443', tls: true } });
  });

  it('says what is wrong with anything else, and nothing for an empty box', () => {
    expect(parseTypedTarget('  ', true)).toBeUndefined();
    expect(parseTypedTarget('demo/tls-backend', true)).toMatchObject({
      error: expect.stringContaining('host:port'),
    });
    expect(parseTypedTarget('host:99999', true)).toHaveProperty('error');
  });
});
