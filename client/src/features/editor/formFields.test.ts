import { describe, expect, it } from 'vitest';
import { fieldId, fieldKind, helpText, referenceKind } from './formFields';

describe('form fields', () => {
  it('reads the kind of field from the schema', () => {
    expect(fieldKind('dialTimeout', { 'x-kubernetes-int-or-string': true })).toBe('duration');
    expect(fieldKind('port', { anyOf: [{ type: 'integer' }, { type: 'string' }] })).toBe('int-or-string');
    expect(fieldKind('insecureSkipVerify', { type: 'boolean' })).toBe('boolean');
    expect(fieldKind('version', { type: 'integer' })).toBe('number');
    expect(fieldKind('tls', { type: 'object' })).toBe('object');
    expect(fieldKind('rootCAs', { type: 'array' })).toBe('list');
    expect(fieldKind('serverName', { type: 'string' })).toBe('string');
  });

  it('knows which fields name Secrets and ConfigMaps, ', () => {
    expect(referenceKind(['spec', 'tls', 'rootCAs', 0, 'secret'])).toBe('secrets');
    expect(referenceKind(['spec', 'tls', 'rootCAs', 0, 'configMap'])).toBe('configmaps');
    expect(referenceKind(['spec', 'tls', 'certificatesSecrets', 1])).toBe('secrets');
    expect(referenceKind(['spec', 'tls', 'serverName'])).toBeUndefined();
  });

  it('splits a deprecation note from the help and makes ids safe', () => {
    expect(helpText({ description: 'Does X.\nReally.\n\nDeprecated: use Y.' })).toEqual({
      help: 'Does X. Really.',
      deprecated: 'Deprecated: use Y.',
    });
    expect(fieldId(['spec', 'tls', 'rootCAs', 0])).toBe('field-spec-tls-rootCAs-0');
  });
});
