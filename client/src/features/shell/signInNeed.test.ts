import { describe, expect, it } from 'vitest';
import type { SessionResponse } from '@dialtone/shared';
import { signInNeed } from './signInNeed';

const session = (extra: Partial<SessionResponse>): SessionResponse => ({
  authenticated: true,
  authMode: 'token',
  csrfToken: 'csrf',
  ...extra,
});

describe('when the page asks for a sign-in, and for which cluster', () => {
  it('asks a signed-out user to sign in to the cluster being viewed', () => {
    expect(signInNeed(session({ authenticated: false }), 'staging')).toEqual({ cluster: 'staging' });
    // On the home page no cluster is chosen yet: the server checks the token against its default.
    expect(signInNeed(session({ authenticated: false }), undefined)).toEqual({});
  });

  it('shows the cluster a token session was signed in to', () => {
    expect(signInNeed(session({ cluster: 'prod' }), 'prod')).toBeUndefined();
    expect(signInNeed(session({ cluster: 'prod' }), undefined)).toBeUndefined();
  });

  it('asks for a sign-in to another cluster, saying why and what it ends', () => {
    const need = signInNeed(session({ cluster: 'prod' }), 'staging');
    expect(need?.cluster).toBe('staging');
    expect(need?.message).toMatch(/signed in to cluster prod/);
    expect(need?.message).toMatch(/token that staging accepts/);
  });

  it('never asks in local and proxy mode, where every cluster acts as the same identity', () => {
    expect(signInNeed(session({ authMode: 'local' }), 'staging')).toBeUndefined();
    expect(
      signInNeed(session({ authMode: 'proxy', user: { name: 'ada', groups: [] } }), 'staging'),
    ).toBeUndefined();
  });

  it('waits for the session before deciding', () => {
    expect(signInNeed(undefined, 'staging')).toBeUndefined();
  });
});
