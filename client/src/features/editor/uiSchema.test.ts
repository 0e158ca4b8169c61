import { describe, expect, it } from 'vitest';
import { shownMode, switchMode } from './uiSchema';

describe('the form’s security modes', () => {
  it('keeps a fresh choice until what is written contradicts it', () => {
    expect(shownMode(undefined, 'tls')).toBe('tls');
    expect(shownMode('tls', 'plain')).toBe('tls');
    expect(shownMode('mtls', 'tls')).toBe('mtls');
    expect(shownMode('plain', 'spiffe')).toBe('spiffe');
  });

  it('removes what other modes set when switching', () => {
    expect(switchMode('plain')).toEqual([{ path: ['spec', 'tls'], value: undefined }]);
    expect(switchMode('spiffe').map((e) => e.path.at(-1))).toEqual([
      'serverName',
      'rootCAs',
      'rootCAsSecrets',
      'certificatesSecrets',
      'insecureSkipVerify',
      'spiffe',
    ]);
    expect(switchMode('insecure').at(-1)).toEqual({
      path: ['spec', 'tls', 'insecureSkipVerify'],
      value: true,
    });
  });
});
